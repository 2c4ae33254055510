package dev.vitals.microprofile.internal;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeKind;
import dev.vitals.core.HealthMonitor;
import dev.vitals.microprofile.MicroProfileProbes;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

/**
 * Vitals in a CDI application: builds the {@link HealthMonitor} when the application starts (from
 * {@code vitals.properties} on the class path and the {@code vitals.*} keys of MicroProfile Config, the
 * latter winning), adapts every {@code @Liveness}, {@code @Readiness} and {@code @Startup}
 * {@link HealthCheck} bean into a probe and adds every {@link Probe} bean, starts the monitor, offers it
 * as a {@code @Singleton} bean, and closes it when the application stops. Internal: see the module's
 * README for what applications rely on.
 */
@ApplicationScoped
public class VitalsHealth {

  /** How long start-up waits, in all, for the adapted checks' first answers (which give their names). */
  static final Duration NAME_BUDGET = Duration.ofSeconds(1);

  private static final System.Logger LOG = System.getLogger(VitalsHealth.class.getName());
  private static final String OWN_PACKAGE = VitalsHealth.class.getPackageName() + ".";

  /**
   * Lookups through {@code Instance} (not the {@code BeanManager}): Quarkus keeps the beans an
   * {@code @Any Instance<X>} injection point can reach, and would remove unused {@code Probe} beans.
   */
  @Inject
  @Any
  Instance<HealthCheck> checks;

  @Inject
  @Any
  Instance<Probe> probeBeans;

  /** Adapted checks by bean class. */
  private final Map<Class<?>, Adapted> adapted = new ConcurrentHashMap<>();
  private volatile Set<String> adaptedNames = Set.of();
  private volatile HealthMonitor monitor;

  /** What the decorator needs to answer for an adapted check. */
  record Adapted(String probeName, String responseName, boolean livenessOnly) {}

  /** A check found at start-up. */
  private record Found(Bean<?> bean, HealthCheck check, Set<ProbeKind> kinds) {}

  @PostConstruct
  void start() {
    HealthMonitor.Builder builder = HealthMonitor.builder().config(configuration());
    List<Found> found = findChecks();
    List<String> firstNames = firstNames(found);
    Set<String> used = new HashSet<>();
    for (int i = 0; i < found.size(); i++) {
      Found f = found.get(i);
      String responseName = firstNames.get(i);
      String name = probeNameFor(f.bean(), responseName, used);
      ProbeKind[] more = f.kinds().stream().skip(1).toArray(ProbeKind[]::new);
      builder.probe(MicroProfileProbes.of(name, f.check(), f.kinds().iterator().next(), more));
      adapted.put(f.bean().getBeanClass(), new Adapted(name, responseName != null ? responseName : name,
          f.kinds().equals(EnumSet.of(ProbeKind.LIVENESS))));
      LOG.log(System.Logger.Level.INFO, "Vitals runs the MicroProfile health check {0} as probe ''{1}'' ({2})",
          f.bean().getBeanClass().getName(), name, f.kinds());
    }
    for (Instance.Handle<Probe> probe : probeBeans.handles()) {
      builder.probe(probe.get());
    }
    Set<String> names = new HashSet<>();
    for (Adapted a : adapted.values()) {
      names.add(a.probeName());
    }
    adaptedNames = Set.copyOf(names);
    HealthMonitor m = builder.build();
    m.start();
    monitor = m;
  }

  /** Creates this bean, and so starts the monitor, when the application starts. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    // nothing more: the container created this bean (and ran start()) to call this method
  }

  @PreDestroy
  void stop() {
    HealthMonitor m = monitor;
    if (m != null) {
      m.close();
    }
  }

  /**
   * The monitor, for the application's own use ({@code @Inject HealthMonitor monitor}: trackers,
   * {@code report()}).
   *
   * @return the started monitor
   */
  @Produces
  @Singleton
  public HealthMonitor monitor() {
    return monitor;
  }

  /**
   * The answer for a call of an adapted check that does not come from Vitals.
   *
   * @param beanClass the check's bean class
   * @return the answer from the latest report, or null when that bean is not adapted (call it)
   */
  public HealthCheckResponse answer(Class<?> beanClass) {
    Adapted a = adapted.get(beanClass);
    if (a == null) {
      return null;
    }
    HealthMonitor m = monitor;
    if (m == null) {
      return Responses.unknown(a.responseName(), a.livenessOnly());
    }
    return m.report().probe(a.probeName()).map(p -> Responses.forProbe(a.responseName(), p))
        .orElseGet(() -> Responses.unknown(a.responseName(), a.livenessOnly()));
  }

  /**
   * Vitals' own probes of a group (not the adapted checks) as one response.
   *
   * @param kind the group
   * @return the response named {@code vitals-<group>}
   */
  public HealthCheckResponse group(ProbeKind kind) {
    HealthMonitor m = monitor;
    return m == null ? Responses.groupUnknown(kind) : Responses.forGroup(m.report(), kind, adaptedNames);
  }

  private List<Found> findChecks() {
    List<Found> out = new ArrayList<>();
    for (Instance.Handle<HealthCheck> handle : checks.handles()) {
      Bean<HealthCheck> bean = handle.getBean();
      Set<ProbeKind> kinds = EnumSet.noneOf(ProbeKind.class);
      for (Annotation q : bean.getQualifiers()) {
        if (q.annotationType() == Liveness.class) {
          kinds.add(ProbeKind.LIVENESS);
        } else if (q.annotationType() == Readiness.class) {
          kinds.add(ProbeKind.READINESS);
        } else if (q.annotationType() == Startup.class) {
          kinds.add(ProbeKind.STARTUP);
        }
      }
      Class<?> type = bean.getBeanClass();
      if (kinds.isEmpty() || type.getName().startsWith(OWN_PACKAGE)) {
        continue;
      }
      if (!HealthCheck.class.isAssignableFrom(type)) {
        // a producer's product: CDI applies no decorator to it, so SmallRye would still call it on its
        // request thread; adapting it would call its dependency twice
        LOG.log(System.Logger.Level.WARNING, "Vitals leaves the health check produced by {0} to MicroProfile Health:"
            + " a check made by a producer method cannot be answered from Vitals'' report (make it a bean class)",
            type.getName());
        continue;
      }
      out.add(new Found(bean, handle.get(), kinds));
    }
    out.sort((a, b) -> a.bean().getBeanClass().getName().compareTo(b.bean().getBeanClass().getName()));
    return out;
  }

  /**
   * Calls every check without {@code @Named} once, in parallel on daemon threads, to read the names of
   * their responses; waits {@link #NAME_BUDGET} in all. A check that throws or has not answered by then
   * has no name here.
   */
  private static List<String> firstNames(List<Found> found) {
    List<String> names = new ArrayList<>(Collections.nCopies(found.size(), null));
    if (found.isEmpty()) {
      return names;
    }
    ExecutorService pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "vitals-microprofile-first-call");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<String>> calls = new ArrayList<>();
      for (Found f : found) {
        if (f.bean().getName() != null) {
          calls.add(java.util.concurrent.CompletableFuture.completedFuture(null)); // @Named: no call needed
          continue;
        }
        calls.add(pool.submit(() -> {
          ProbeCalls.enter();
          try {
            HealthCheckResponse r = f.check().call();
            return r == null ? null : r.getName();
          } finally {
            ProbeCalls.exit();
          }
        }));
      }
      long deadline = System.nanoTime() + NAME_BUDGET.toNanos();
      for (int i = 0; i < calls.size(); i++) {
        try {
          names.set(i, calls.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (Exception e) {
          LOG.log(System.Logger.Level.WARNING, "Vitals: the first call of the health check {0} gave no name within {1}"
              + " ({2}); its probe is named after its class", found.get(i).bean().getBeanClass().getName(),
              NAME_BUDGET, e.getClass().getSimpleName());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return names;
  }

  /** {@code @Named} first, then the response's name, then the class's name; unique among the checks. */
  static String probeNameFor(Bean<?> bean, String responseName, Set<String> used) {
    String base;
    if (bean.getName() != null) {
      base = MicroProfileProbes.probeName(bean.getName());
    } else if (responseName != null) {
      base = MicroProfileProbes.probeName(responseName);
    } else {
      base = MicroProfileProbes.probeName(kebab(bean.getBeanClass().getSimpleName()));
    }
    String name = base;
    for (int n = 2; !used.add(name); n++) {
      String suffix = "-" + n;
      name = base.substring(0, Math.min(base.length(), 63 - suffix.length())) + suffix;
    }
    return name;
  }

  /** {@code HangingCheck} gives {@code hanging-check}. */
  static String kebab(String simpleName) {
    StringBuilder sb = new StringBuilder(simpleName.length() + 4);
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(simpleName.charAt(i - 1))) {
        sb.append('-');
      }
      sb.append(c);
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /** {@code vitals.properties} from the class path, then MicroProfile Config's {@code vitals.*} keys. */
  private static Map<String, String> configuration() {
    Map<String, String> settings = new LinkedHashMap<>();
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    URL file = (cl != null ? cl : VitalsHealth.class.getClassLoader()).getResource("vitals.properties");
    if (file != null) {
      Properties p = new Properties();
      try (InputStream in = file.openStream()) {
        p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Vitals configuration " + file + ": " + e.getMessage(), e);
      }
      for (String k : p.stringPropertyNames()) {
        settings.put(k, p.getProperty(k));
      }
    }
    settings.putAll(MicroProfileConfigKeys.read());
    return settings;
  }
}
