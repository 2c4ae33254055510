package dev.vitals.test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Captures what code prints while it runs: {@code System.out}, {@code System.err} and every
 * {@code java.util.logging} record (where {@code System.Logger} goes by default), whatever its level.
 * The kits use it to show that nothing secret is printed. It swaps the JVM's standard streams while it
 * captures them, so it must not run in parallel with other tests of the same JVM.
 */
final class OutputCapture {

  private OutputCapture() {}

  /** Work that may throw, for {@link #capture}. */
  interface Work {
    void run() throws Exception;
  }

  /**
   * Runs work while capturing {@code System.out}, {@code System.err} and every
   * {@code java.util.logging} record, whatever its level.
   *
   * @param work what to run
   * @return what was printed and logged while it ran
   * @throws Exception what the work threw, after the streams and logging are restored
   */
  static String capture(Work work) throws Exception {
    return capture(Set.of(), work);
  }

  /**
   * Like {@link #capture(Work)}, but leaves out the {@code java.util.logging} records of some loggers:
   * those of a test's own server, which logs what it receives.
   *
   * @param ignoredLoggers names of loggers, each with the loggers below it, whose records are left out
   * @param work what to run
   * @return what was printed and logged while it ran
   * @throws Exception what the work threw, after the streams and logging are restored
   */
  static String capture(Set<String> ignoredLoggers, Work work) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    JulCapture jul = JulCapture.start(logged, ignoredLoggers);
    System.setOut(capture);
    System.setErr(capture);
    try {
      work.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
      jul.close();
    }
    return captured.toString(StandardCharsets.UTF_8) + logged.toString(StandardCharsets.UTF_8);
  }

  /**
   * Records every {@code java.util.logging} record (where {@code System.Logger} goes by default) in a
   * stream, at every level, with the root logger's own handlers muted meanwhile. Written with
   * reflection because this module does not read {@code java.logging}; when that module is not in the
   * runtime, there is nothing to capture and this does nothing.
   */
  private static final class JulCapture implements AutoCloseable {
    private final Object root;
    private final Object handler;
    private final Object previousLevel;
    private final Map<Object, Object> mutedHandlers;
    private final Class<?> loggerType;
    private final Class<?> handlerType;
    private final Class<?> levelType;

    private JulCapture(Object root, Object handler, Object previousLevel, Map<Object, Object> mutedHandlers,
        Class<?> loggerType, Class<?> handlerType, Class<?> levelType) {
      this.root = root;
      this.handler = handler;
      this.previousLevel = previousLevel;
      this.mutedHandlers = mutedHandlers;
      this.loggerType = loggerType;
      this.handlerType = handlerType;
      this.levelType = levelType;
    }

    static JulCapture start(java.io.OutputStream sink, Set<String> ignoredLoggers) {
      Class<?> loggerType;
      try {
        loggerType = Class.forName("java.util.logging.Logger");
      } catch (ClassNotFoundException absent) {
        return new JulCapture(null, null, null, Map.of(), null, null, null);
      }
      try {
        Class<?> handlerType = Class.forName("java.util.logging.Handler");
        Class<?> levelType = Class.forName("java.util.logging.Level");
        Class<?> formatterType = Class.forName("java.util.logging.Formatter");
        Object all = levelType.getField("ALL").get(null);
        Object off = levelType.getField("OFF").get(null);
        Object formatter = Class.forName("java.util.logging.SimpleFormatter").getConstructor().newInstance();
        Object handler = Class.forName("java.util.logging.StreamHandler")
            .getConstructor(java.io.OutputStream.class, formatterType).newInstance(sink, formatter);
        handlerType.getMethod("setEncoding", String.class).invoke(handler, "UTF-8");
        handlerType.getMethod("setLevel", levelType).invoke(handler, all);
        if (!ignoredLoggers.isEmpty()) {
          Class<?> filterType = Class.forName("java.util.logging.Filter");
          Class<?> recordType = Class.forName("java.util.logging.LogRecord");
          java.lang.reflect.Method loggerName = recordType.getMethod("getLoggerName");
          Object filter = java.lang.reflect.Proxy.newProxyInstance(OutputCapture.class.getClassLoader(),
              new Class<?>[] {filterType}, (proxy, method, args) -> {
                switch (method.getName()) {
                  case "isLoggable":
                    break;
                  case "equals":
                    return proxy == args[0];
                  case "hashCode":
                    return System.identityHashCode(proxy);
                  default:
                    return "a filter leaving out " + ignoredLoggers;
                }
                String name = String.valueOf(loggerName.invoke(args[0]));
                for (String ignored : ignoredLoggers) {
                  if (name.equals(ignored) || name.startsWith(ignored + ".")) {
                    return false;
                  }
                }
                return true;
              });
          handlerType.getMethod("setFilter", filterType).invoke(handler, filter);
        }
        Object root = loggerType.getMethod("getLogger", String.class).invoke(null, "");
        Map<Object, Object> muted = new LinkedHashMap<>();
        for (Object h : (Object[]) loggerType.getMethod("getHandlers").invoke(root)) {
          muted.put(h, handlerType.getMethod("getLevel").invoke(h));
          handlerType.getMethod("setLevel", levelType).invoke(h, off);
        }
        Object previous = loggerType.getMethod("getLevel").invoke(root);
        loggerType.getMethod("addHandler", handlerType).invoke(root, handler);
        loggerType.getMethod("setLevel", levelType).invoke(root, all);
        return new JulCapture(root, handler, previous, muted, loggerType, handlerType, levelType);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot capture java.util.logging: " + e, e);
      }
    }

    @Override
    public void close() {
      if (root == null) {
        return;
      }
      try {
        handlerType.getMethod("flush").invoke(handler);
        loggerType.getMethod("removeHandler", handlerType).invoke(root, handler);
        loggerType.getMethod("setLevel", levelType).invoke(root, previousLevel);
        for (Map.Entry<Object, Object> e : mutedHandlers.entrySet()) {
          handlerType.getMethod("setLevel", levelType).invoke(e.getKey(), e.getValue());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot restore java.util.logging: " + e, e);
      }
    }
  }
}
