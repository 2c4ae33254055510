package dev.vitals.spring.boot.web;

import dev.vitals.core.HealthMonitor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Start-up harness: the same minimal web application (MVC on Tomcat, Actuator, Prometheus registry) started in
 * fresh JVMs with and without Vitals (the monitor bean and the web auto-configuration), alternately, and the
 * medians of Spring Boot's own "time taken to ready" compared; the "with" runs also report the time spent
 * creating Vitals' beans (class loading included), read from Spring's {@code BufferingApplicationStartup}, a
 * figure the machine's noise does not swamp ({@code -Dstartup.detail=true} in a child prints it per bean).
 *
 * <p>{@code java -cp <test class path> dev.vitals.spring.boot.web.StartupOverhead [pairs]} prints one line per run
 * and a summary; {@link StartupOverheadTest} runs one pair in the build.
 */
public final class StartupOverhead {

  private StartupOverhead() {}

  @RestController
  static class Hello {
    @GetMapping("/hello")
    String hello() {
      return "hello";
    }
  }

  /** The same application with every auto-configuration of the starter left out. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration(excludeName = {"dev.vitals.spring.boot.VitalsAutoConfiguration",
      "dev.vitals.spring.boot.health.boot4.VitalsBoot4HealthAutoConfiguration",
      "dev.vitals.spring.boot.health.boot3.VitalsBoot3HealthAutoConfiguration",
      "dev.vitals.spring.boot.probes.VitalsProbesAutoConfiguration",
      "dev.vitals.spring.boot.web.VitalsWebAutoConfiguration"})
  @Import(Hello.class)
  static class Plain {}

  /** The application as a user has it with the starter: its auto-configurations as they are. */
  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(Hello.class)
  static class WithVitals {}

  /** The numbers of one run of {@link #compare}. */
  record Result(List<Long> withoutMs, List<Long> withMs, List<Long> vitalsBeansMicros, List<Long> monitorMicros) {
    long medianWithout() {
      return median(withoutMs);
    }

    long medianWith() {
      return median(withMs);
    }

    static long median(List<Long> xs) {
      long[] a = xs.stream().mapToLong(Long::longValue).sorted().toArray();
      return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }
  }

  /**
   * Runs the comparison, or (with {@code child with|without}) one application.
   *
   * @param args {@code [pairs]} (10 by default), or {@code child with|without}
   * @throws Exception when a child fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(args[1].equals("with"));
      return;
    }
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Result r = compare(pairs, true);
    System.out.printf("without Vitals: median %d ms %s%nwith Vitals:    median %d ms %s%ndifference:     %+d ms%n"
        + "Vitals beans:   median %d us %s (the application's beans they create first not counted)%n"
        + "monitor bean:   median %d us %s (with the beans it creates first)%n", r.medianWithout(),
        r.withoutMs(), r.medianWith(), r.withMs(), r.medianWith() - r.medianWithout(),
        Result.median(r.vitalsBeansMicros()), r.vitalsBeansMicros(), Result.median(r.monitorMicros()),
        r.monitorMicros());
  }

  static Result compare(int pairs, boolean print) throws IOException, InterruptedException {
    List<Long> without = new ArrayList<>();
    List<Long> with = new ArrayList<>();
    List<Long> beans = new ArrayList<>();
    List<Long> monitors = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      // alternate which goes first, so drift on a shared machine hits both sides alike
      boolean withFirst = i % 2 == 1;
      for (boolean w : withFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
        long[] run = runChild(w);
        long ms = run[0];
        (w ? with : without).add(ms);
        if (w) {
          beans.add(run[1]);
          monitors.add(run[2]);
        }
        if (print) {
          System.out.printf("run %d %s: %d ms%s%n", i + 1, w ? "with" : "without", ms,
              w ? " (Vitals beans " + run[1] + " us)" : "");
        }
      }
    }
    return new Result(without, with, beans, monitors);
  }

  private static long[] runChild(boolean with) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(Arrays.asList(java, "-Xshare:auto",
        "-Dstartup.routes=" + Boolean.getBoolean("startup.routes"), "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), StartupOverhead.class.getName(), "child", with ? "with" : "without"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    long ms = -1;
    long beans = -1;
    long monitor = -1;
    StringBuilder out = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.append(line).append('\n');
        if (line.startsWith("READY ")) {
          ms = Long.parseLong(line.substring(6).trim());
        } else if (line.startsWith("VITALS_BEANS_MICROS ")) {
          beans = Long.parseLong(line.substring(20).trim());
        } else if (line.startsWith("VITALS_MONITOR_MICROS ")) {
          monitor = Long.parseLong(line.substring(22).trim());
        }
      }
    }
    int code = p.waitFor();
    if (code != 0 || ms < 0) {
      throw new IllegalStateException("the " + (with ? "with" : "without") + " child failed (exit " + code + "):\n"
          + out);
    }
    return new long[] {ms, beans, monitor};
  }

  /** The monitor bean alone (the starter's health part builds it; it is nested in the first bean that needs it). */
  static long monitorMicros = -1;

  /** Whether a step is a bean's instantiation (a non-Vitals bean nested in another non-Vitals one is not outermost). */
  private static boolean isBeanStep(StartupTimeline timeline, long id) {
    for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
      if (e.getStartupStep().getId() == id) {
        return e.getStartupStep().getName().equals("spring.beans.instantiate");
      }
    }
    return false;
  }

  private static boolean isVitals(String beanName) {
    return beanName.startsWith("vitals") || beanName.startsWith("dev.vitals.spring.boot.web.VitalsWebAutoConfiguration");
  }

  private static void child(boolean with) {
    SpringApplicationBuilder b = new SpringApplicationBuilder(with ? WithVitals.class : Plain.class).properties(
        "server.port=0", "spring.main.banner-mode=off", "logging.level.root=warn",
        "management.endpoints.web.exposure.include=health,prometheus,vitals,vitalsstatus",
        // the starter's defaults; -Dstartup.routes=true adds the per-route trackers (Caffeine)
        "vitals.spring.web.routes.enabled=" + Boolean.getBoolean("startup.routes"));
    long[] ready = {-1};
    b.listeners((ApplicationReadyEvent e) -> ready[0] = e.getTimeTaken().toMillis());
    BufferingApplicationStartup startup = new BufferingApplicationStartup(100_000);
    b.applicationStartup(startup);
    try (ConfigurableApplicationContext ctx = b.run()) {
      if (with != ctx.getBeanNamesForType(HealthMonitor.class).length > 0) {
        throw new IllegalStateException("wrong application");
      }
      System.out.println("READY " + ready[0]);
      System.out.println("VITALS_BEANS_MICROS " + vitalsBeanMicros(startup.getBufferedTimeline()));
      System.out.println("VITALS_MONITOR_MICROS " + monitorMicros);
    }
  }

  /**
   * The time spent creating Vitals' beans (the monitor, the auto-configuration and what it declares), class
   * loading included: the outermost {@code spring.beans.instantiate} steps whose bean name mentions vitals,
   * less the application's own beans created inside them (made earlier because Vitals needed them, not
   * because of Vitals).
   */
  static long vitalsBeanMicros(StartupTimeline timeline) {
    // events are recorded when steps end (a nested step before its parent): first collect, then walk up
    Map<Long, Long> parent = new java.util.HashMap<>();
    Map<Long, String> vitalsBean = new java.util.HashMap<>();
    for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
      StartupStep step = e.getStartupStep();
      parent.put(step.getId(), step.getParentId());
      if (step.getName().equals("spring.beans.instantiate")) {
        for (StartupStep.Tag t : step.getTags()) {
          if (t.getKey().equals("beanName") && isVitals(t.getValue())) {
            vitalsBean.put(step.getId(), t.getValue());
          }
        }
      }
    }
    if (Boolean.getBoolean("startup.detail")) {
      // what the monitor bean's time holds: every bean created while it was being made
      Map<Long, String> beans = new java.util.HashMap<>();
      for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
        for (StartupStep.Tag t : e.getStartupStep().getTags()) {
          if (t.getKey().equals("beanName")) {
            beans.put(e.getStartupStep().getId(), t.getValue());
          }
        }
      }
      for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
        StartupStep step = e.getStartupStep();
        for (Long p = step.getParentId(); p != null; p = parent.get(p)) {
          if ("vitalsMonitor".equals(beans.get(p))) {
            System.out.println("    within vitalsMonitor: " + step.getName() + " " + beans.get(step.getId()) + " "
                + e.getDuration().toNanos() / 1000 + " us");
            break;
          }
        }
      }
    }
    long micros = 0;
    // the application's own beans that a Vitals bean made first (its DataSource, its indicators): the
    // application creates them anyway, so their time is not Vitals' (the outermost ones inside a Vitals bean)
    for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
      StartupStep step = e.getStartupStep();
      if (!step.getName().equals("spring.beans.instantiate") || vitalsBean.containsKey(step.getId())) {
        continue;
      }
      Long p = step.getParentId();
      while (p != null && !vitalsBean.containsKey(p) && !isBeanStep(timeline, p)) {
        p = parent.get(p);
      }
      if (p != null && vitalsBean.containsKey(p)) {
        micros -= e.getDuration().toNanos() / 1000;
      }
    }
    for (StartupTimeline.TimelineEvent e : timeline.getEvents()) {
      StartupStep step = e.getStartupStep();
      String bean = vitalsBean.get(step.getId());
      if (bean == null) {
        continue;
      }
      long us = e.getDuration().toNanos() / 1000;
      if (bean.equals("vitalsMonitor")) {
        monitorMicros = us;
      }
      boolean nested = false;
      for (Long p = step.getParentId(); p != null; p = parent.get(p)) {
        if (vitalsBean.containsKey(p)) {
          nested = true;
          break;
        }
      }
      if (Boolean.getBoolean("startup.detail")) {
        System.out.println("  " + (nested ? "  (inside another) " : "") + bean + " " + us + " us");
      }
      if (!nested) {
        micros += us;
      }
    }
    return micros;
  }
}
