package dev.vitals.examples.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Plays the AWS Lambda runtime on a laptop, for a function that handles JSON events: in this JVM (start it
 * fresh, as Lambda starts an execution environment), it loads the handler class by name and makes one instance
 * (the init phase: the class's static initialiser runs), then invokes it once per event, each with a
 * {@link com.amazonaws.services.lambda.runtime.Context} whose remaining time counts down from the invocation's
 * deadline, and waits between invocations without running anything (Lambda freezes the process there).
 *
 * <pre>
 * java -cp orders-function.jar dev.vitals.examples.lambda.LocalRuntime [options] [HANDLER] [EVENT ...]
 *
 *   HANDLER           package.Class or package.Class::handleRequest (default: the _HANDLER variable)
 *   EVENT             one JSON event per invocation (default: four sample orders, the third one bad)
 *   --events FILE     one JSON event per line, instead
 *   --pause D         the wait between invocations (default 500ms; durations: 250ms, 3s, 1m)
 *   --timeout D       the function's timeout: each invocation's deadline is its start plus this (default 3s)
 *   --function NAME   the function's name (default: AWS_LAMBDA_FUNCTION_NAME, else orders)
 *   --version V       its version (default: AWS_LAMBDA_FUNCTION_VERSION, else $LATEST)
 *   --memory MB       its memory size, as the context reports it (default 512)
 *   --wait            after the init phase, wait for a line on standard input before the first invocation
 *   --help            prints the usage
 * </pre>
 *
 * <p>Standard output carries only what the function prints (Vitals' EMF records); everything the runtime says
 * goes to standard error, in Lambda's words where Lambda has some: {@code INIT_REPORT}, {@code START},
 * {@code END}, {@code REPORT}, and the handler's answer as {@code RESPONSE RequestId: ... {json}} or
 * {@code ERROR RequestId: ... {"errorType":...,"errorMessage":...}}. During each pause it watches the threads
 * whose names start with {@code vitals-} and reports, as {@code PAUSE}, how much CPU time they used while
 * the process should have been frozen and which were {@code RUNNABLE} at its end.
 *
 * <p>Exit status: 0 once every event was handled (a handler's error is an answer, as in Lambda), 1 when the
 * init phase failed (the function's class could not be loaded or its initialiser threw), 2 for a bad command
 * line.
 *
 * <p>Differences from Lambda: one JVM plays one execution environment; nothing is frozen for real (threads
 * that are not ours keep running, and a thread of the function left running when an invocation returns, such
 * as a probe that outlives its budget, runs during the pause, where Lambda would freeze it until the next
 * invocation); no timeout is enforced (an invocation that ends past its deadline is reported {@code Status:
 * timeout} but not stopped); events are JSON, handed to a {@code RequestHandler<Map, ?>} (or {@code Object},
 * or {@code String}) as the runtime's serializer would, or as bytes to a {@code RequestStreamHandler}.
 */
public final class LocalRuntime {

  /** The events used when none is given: four orders, the third one refused (quantity 0). */
  static final List<String> SAMPLE_EVENTS = List.of(
      "{\"orderId\":\"o-1001\",\"items\":[{\"sku\":\"TEA-GREEN\",\"quantity\":2,\"unitPrice\":4.5}]}",
      "{\"orderId\":\"o-1002\",\"items\":[{\"sku\":\"MUG\",\"quantity\":1,\"unitPrice\":12.0},"
          + "{\"sku\":\"TEA-BLACK\",\"quantity\":3,\"unitPrice\":3.9}]}",
      "{\"orderId\":\"o-1003\",\"items\":[{\"sku\":\"MUG\",\"quantity\":0,\"unitPrice\":12.0}]}",
      "{\"orderId\":\"o-1004\",\"items\":[{\"sku\":\"TEA-GREEN\",\"quantity\":1,\"unitPrice\":4.5}]}");

  /** A thread whose name starts with this is Vitals': it must not run while the process is paused. */
  static final String OUR_THREADS = "vitals-";

  private static final String USAGE = "usage: java -cp orders-function.jar " + LocalRuntime.class.getName()
      + " [--events FILE] [--pause 500ms] [--timeout 3s] [--function NAME] [--version V] [--memory MB] [--wait]"
      + " [package.Class[::handleRequest]] [EVENT_JSON ...]";

  private final PrintStream log;
  private String handler;
  private final List<String> events = new ArrayList<>();
  private long pauseNanos = 500_000_000L;
  private long timeoutNanos = 3_000_000_000L;
  private String function;
  private String version;
  private int memoryMb = 512;
  private boolean waitForGo;

  LocalRuntime(PrintStream log) {
    this.log = log;
  }

  /**
   * Runs a function as described above and exits.
   *
   * @param args the options, the handler and the events
   */
  public static void main(String[] args) {
    System.exit(new LocalRuntime(System.err).run(args, System.getenv()));
  }

  /** Runs and returns the exit status. */
  int run(String[] args, Map<String, String> env) {
    if (List.of(args).contains("--help")) {
      log.println(USAGE);
      log.println("Plays the Lambda runtime: the init phase, then one invocation per event; see the example's README.");
      return 0;
    }
    try {
      parse(args, env);
    } catch (IllegalArgumentException e) {
      log.println("LocalRuntime: " + e.getMessage());
      log.println(USAGE);
      return 2;
    }
    List<Object> parsed = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      try {
        parsed.add(EventJson.parse(events.get(i)));
      } catch (IllegalArgumentException e) {
        log.println("LocalRuntime: event " + (i + 1) + " is " + e.getMessage() + ": " + events.get(i));
        return 2;
      }
    }

    // the init phase: load the class (its static initialiser runs) and make the one instance
    long initStart = System.nanoTime();
    Object instance;
    try {
      instance = load(handler);
    } catch (InitError e) {
      log.println("INIT_REPORT Init Duration: " + millis(System.nanoTime() - initStart) + " ms Phase: init"
          + " Status: error Error Type: " + e.type);
      log.println(e.type + ": " + e.getMessage());
      log.println("ERROR Init " + errorJson(e.type, e.getMessage()));
      log.flush();
      return 1;
    }
    long initNanos = System.nanoTime() - initStart;
    log.println("INIT_REPORT Init Duration: " + millis(initNanos) + " ms Phase: init Status: success Handler: "
        + handler);
    if (waitForGo) {
      log.println("READY waiting for a line on standard input");
      log.flush();
      try {
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        log.println("LocalRuntime: cannot read standard input: " + e.getMessage());
        return 2;
      }
    }

    int errors = 0;
    for (int i = 0; i < parsed.size(); i++) {
      if (i > 0) {
        pause(i);
      }
      if (!invoke(instance, parsed.get(i), events.get(i), i == 0 ? initNanos : -1)) {
        errors++;
      }
    }
    log.println("DONE " + parsed.size() + " invocations, " + errors + " errors");
    log.flush();
    return 0;
  }

  private void parse(String[] args, Map<String, String> env) {
    function = env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "orders");
    version = env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    Path eventsFile = null;
    List<String> positional = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--events":
          eventsFile = Path.of(value(args, ++i, a));
          break;
        case "--pause":
          pauseNanos = duration(value(args, ++i, a), a);
          break;
        case "--timeout":
          timeoutNanos = duration(value(args, ++i, a), a);
          if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("--timeout must be above 0, was " + args[i]);
          }
          break;
        case "--function":
          function = value(args, ++i, a);
          break;
        case "--version":
          version = value(args, ++i, a);
          break;
        case "--memory":
          try {
            memoryMb = Integer.parseInt(value(args, ++i, a));
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--memory must be a whole number of MB (128 to 10240), was " + args[i]);
          }
          if (memoryMb < 128 || memoryMb > 10240) {
            throw new IllegalArgumentException("--memory must be a whole number of MB (128 to 10240), was " + args[i]);
          }
          break;
        case "--wait":
          waitForGo = true;
          break;
        default:
          if (a.startsWith("--")) {
            throw new IllegalArgumentException("unknown option " + a);
          }
          positional.add(a);
      }
    }
    if (!positional.isEmpty() && !positional.get(0).trim().startsWith("{")) {
      handler = positional.remove(0);
    } else {
      handler = env.get("_HANDLER");
    }
    if (handler == null || handler.isBlank()) {
      throw new IllegalArgumentException("no handler: name it (package.Class::handleRequest) or set _HANDLER");
    }
    if (eventsFile != null) {
      if (!positional.isEmpty()) {
        throw new IllegalArgumentException("events come from --events " + eventsFile + " or the command line, not both");
      }
      try {
        for (String line : Files.readAllLines(eventsFile, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            events.add(line);
          }
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read --events " + eventsFile + ": " + e);
      }
    } else {
      events.addAll(positional.isEmpty() ? SAMPLE_EVENTS : positional);
    }
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /** {@code 250ms}, {@code 3s}, {@code 1m}. */
  static long duration(String text, String option) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    long unit;
    String digits;
    if (t.endsWith("ms")) {
      unit = 1_000_000L;
      digits = t.substring(0, t.length() - 2);
    } else if (t.endsWith("s")) {
      unit = 1_000_000_000L;
      digits = t.substring(0, t.length() - 1);
    } else if (t.endsWith("m")) {
      unit = 60_000_000_000L;
      digits = t.substring(0, t.length() - 1);
    } else {
      throw new IllegalArgumentException(option + " must be a duration such as 250ms, 3s or 1m, was " + text);
    }
    try {
      long n = Long.parseLong(digits);
      if (n < 0 || n > 15 * 60_000_000_000L / unit) {
        throw new IllegalArgumentException(option + " must be 0 to 15m, was " + text);
      }
      return n * unit;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " must be a duration such as 250ms, 3s or 1m, was " + text);
    }
  }

  /** Why the init phase failed. */
  private static final class InitError extends Exception {
    private static final long serialVersionUID = 1L;
    final String type;

    InitError(String type, String message) {
      super(message);
      this.type = type;
    }
  }

  /** Loads the class as Lambda does: initialised, one instance made with its public no-argument constructor. */
  private Object load(String name) throws InitError {
    int sep = name.indexOf("::");
    String className = sep < 0 ? name : name.substring(0, sep);
    if (sep >= 0 && !name.substring(sep + 2).equals("handleRequest")) {
      throw new InitError("Runtime.HandlerNotFound", "LocalRuntime calls RequestHandler.handleRequest or"
          + " RequestStreamHandler.handleRequest, not " + name.substring(sep + 2));
    }
    Class<?> c;
    try {
      c = Class.forName(className, true, LocalRuntime.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new InitError("Runtime.ClassNotFound", "class " + className + " is not on the class path");
    } catch (ExceptionInInitializerError e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new InitError(cause.getClass().getName(), String.valueOf(cause.getMessage()));
    } catch (LinkageError e) {
      throw new InitError(e.getClass().getName(), String.valueOf(e.getMessage()));
    }
    if (!RequestHandler.class.isAssignableFrom(c) && !RequestStreamHandler.class.isAssignableFrom(c)) {
      throw new InitError("Runtime.InvalidHandler", className + " implements neither RequestHandler nor"
          + " RequestStreamHandler");
    }
    if (RequestHandler.class.isAssignableFrom(c) && !takesJsonObjects(c)) {
      throw new InitError("Runtime.InvalidHandler", className + " is a RequestHandler of a type other than Map,"
          + " Object or String; LocalRuntime hands it JSON events as a Map");
    }
    try {
      Constructor<?> k = c.getConstructor();
      return k.newInstance();
    } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
      throw new InitError("Runtime.InvalidHandler", className + " needs a public constructor without arguments");
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new InitError(cause.getClass().getName(), String.valueOf(cause.getMessage()));
    }
  }

  /** Whether a RequestHandler's input type is one a JSON object can be handed as. */
  private static boolean takesJsonObjects(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Type t : k.getGenericInterfaces()) {
        if (t instanceof ParameterizedType && ((ParameterizedType) t).getRawType() == RequestHandler.class) {
          Type in = ((ParameterizedType) t).getActualTypeArguments()[0];
          Type raw = in instanceof ParameterizedType ? ((ParameterizedType) in).getRawType() : in;
          return raw == Map.class || raw == Object.class || raw == String.class;
        }
      }
    }
    return true; // a raw RequestHandler: takes Object
  }

  /** One invocation; returns whether the handler answered without an error. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private boolean invoke(Object instance, Object event, String eventText, long initNanos) {
    String requestId = UUID.randomUUID().toString();
    log.println("START RequestId: " + requestId + " Version: " + version);
    log.flush();
    long start = System.nanoTime();
    LocalContext context = new LocalContext(function, version, requestId, memoryMb, start + timeoutNanos, log);
    String answer;
    boolean ok;
    try {
      if (instance instanceof RequestStreamHandler) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((RequestStreamHandler) instance).handleRequest(
            new ByteArrayInputStream(eventText.getBytes(StandardCharsets.UTF_8)), out, context);
        answer = "RESPONSE RequestId: " + requestId + " " + out.toString(StandardCharsets.UTF_8);
      } else {
        Object input = event;
        if (input instanceof Map && inputIsString(instance.getClass())) {
          input = eventText;
        }
        Object result = ((RequestHandler) instance).handleRequest(input, context);
        answer = "RESPONSE RequestId: " + requestId + " " + EventJson.write(result);
      }
      ok = true;
    } catch (Exception | Error e) { // an answer of the function, as Lambda reports it
      answer = "ERROR RequestId: " + requestId + " " + errorJson(e.getClass().getName(), e.getMessage());
      ok = false;
    }
    long duration = System.nanoTime() - start;
    log.println(answer);
    log.println("END RequestId: " + requestId);
    log.println("REPORT RequestId: " + requestId + " Duration: " + millis(duration) + " ms Billed Duration: "
        + Math.max(1, (duration + 999_999) / 1_000_000) + " ms Memory Size: " + memoryMb + " MB"
        + (initNanos >= 0 ? " Init Duration: " + millis(initNanos) + " ms" : "")
        + (duration > timeoutNanos ? " Status: timeout" : ""));
    log.flush();
    return ok;
  }

  private static boolean inputIsString(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      for (Type t : k.getGenericInterfaces()) {
        if (t instanceof ParameterizedType && ((ParameterizedType) t).getRawType() == RequestHandler.class) {
          return ((ParameterizedType) t).getActualTypeArguments()[0] == String.class;
        }
      }
    }
    return false;
  }

  /**
   * The pause before invocation {@code n + 1}: waits, as the runtime does while the process is frozen, and
   * reports what Vitals' threads did meanwhile. The first 50 ms (at most a fifth of the pause) are left out
   * of the count: a worker thread that handed over a result may still be returning to its pool when the
   * invocation ends.
   */
  private void pause(int n) {
    long end = System.nanoTime() + pauseNanos;
    long settle = Math.min(50_000_000L, pauseNanos / 5);
    sleepNanos(settle);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Map<Long, Long> before = cpu(mx);
    sleepNanos(end - System.nanoTime());
    Map<Long, Long> after = cpu(mx);
    long used = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      Long b = before.get(e.getKey());
      if (b != null && b >= 0 && e.getValue() >= 0) {
        used += e.getValue() - b;
      }
    }
    Map<String, Thread.State> ours = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(OUR_THREADS)) {
        ours.put(t.getName(), t.getState());
      }
    }
    List<String> runnable = new ArrayList<>();
    for (Map.Entry<String, Thread.State> e : ours.entrySet()) {
      if (e.getValue() == Thread.State.RUNNABLE) {
        runnable.add(e.getKey());
      }
    }
    log.println("PAUSE " + n + ": " + millis(pauseNanos) + " ms; " + OUR_THREADS + "* threads: " + ours.size()
        + " " + ours.keySet() + "; RUNNABLE at the end: " + runnable + "; CPU while paused: " + used + " ns");
    log.flush();
  }

  /** CPU time of each of our threads by id (-1 when the JVM cannot tell). */
  private static Map<Long, Long> cpu(ThreadMXBean mx) {
    Map<Long, Long> out = new LinkedHashMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(OUR_THREADS)) {
        out.put(t.getId(), mx.isThreadCpuTimeSupported() ? mx.getThreadCpuTime(t.getId()) : -1L);
      }
    }
    return out;
  }

  private static void sleepNanos(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String errorJson(String type, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("errorType", type);
    m.put("errorMessage", message);
    return EventJson.write(m);
  }

  /** Milliseconds with two decimals, as Lambda's REPORT lines show them. */
  static String millis(long nanos) {
    long hundredths = (nanos + 5_000L) / 10_000L;
    return hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "") + hundredths % 100;
  }
}
