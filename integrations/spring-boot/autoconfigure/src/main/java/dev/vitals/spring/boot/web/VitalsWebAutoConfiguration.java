package dev.vitals.spring.boot.web;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.MetricsWriter;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.micrometer.VitalsMeterBinder;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The web part of the Vitals starter, on Spring Boot 4.x and 3.5 alike (only APIs both lines share):
 * <ul>
 *   <li>request tracking: every {@code http.server.requests} observation (MVC and WebFlux) recorded into the
 *       tracker {@code vitals.spring.web.tracker} ({@code http}), and with
 *       {@code vitals.spring.web.routes.enabled=true} into one tracker per route template;</li>
 *   <li>the Vitals metrics in Spring's {@code MeterRegistry} ({@code vitals.spring.metrics.enabled});</li>
 *   <li>{@code /actuator/vitals} (Prometheus scrape, when {@code exporter-prometheus} is present) and
 *       {@code /actuator/vitals-status} (the status page).</li>
 * </ul>
 * Settings are read from the monitor's resolved configuration ({@code vitals.spring.web.*},
 * {@code vitals.spring.metrics.*}, {@code vitals.spring.endpoint.*}), which the engine has checked when it built
 * the monitor.
 */
@AutoConfiguration(afterName = "dev.vitals.spring.boot.VitalsAutoConfiguration")
@ConditionalOnClass(HealthMonitor.class)
@ConditionalOnBean(HealthMonitor.class)
public class VitalsWebAutoConfiguration {

  /** Creates the configuration; called by Spring. */
  public VitalsWebAutoConfiguration() {}

  @Bean
  WebSettings vitalsWebSettings(HealthMonitor monitor) {
    return WebSettings.from(monitor.config());
  }

  static Clock clock(ObjectProvider<Clock> clock) {
    return clock.getIfAvailable(Clock::system);
  }

  /** The monitor's latest report, or null before it started (gauges then read NaN, endpoints 503). */
  static Supplier<HealthReport> reports(HealthMonitor monitor) {
    return () -> {
      try {
        return monitor.report();
      } catch (IllegalStateException notStarted) {
        return null;
      }
    };
  }

  static RouteTrackers routes(HealthMonitor monitor, WebSettings s, Clock clock) {
    if (!s.routes) {
      return null;
    }
    Ticker ticker = clock::nanoTime;
    return new RouteTrackers(monitor::tracker, s.tracker, s.routesMax, s.expireAfter, ticker);
  }

  /**
   * What the request recorders record into, made on the first request (see {@link RequestRecorder}: the
   * monitor is not a dependency of the recorder beans, so Boot's early ObservationRegistry never waits on it).
   */
  static RequestRecorder.Target target(HealthMonitor monitor, WebSettings s, Clock clock) {
    return new RequestRecorder.Target(monitor.tracker(s.tracker), routes(monitor, s, clock), s.clientErrorsFail);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"io.micrometer.observation.ObservationHandler", "jakarta.servlet.http.HttpServletResponse",
      "org.springframework.http.server.observation.ServerRequestObservationContext"})
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnProperty(name = WebSettings.ENABLED, matchIfMissing = true)
  static class ServletTracking {
    @Bean
    ServletRequestRecorder vitalsServletRequestRecorder(ObjectProvider<HealthMonitor> monitor,
        ObjectProvider<WebSettings> settings, ObjectProvider<Clock> clock) {
      Clock c = clock(clock);
      return new ServletRequestRecorder(() -> target(monitor.getObject(), settings.getObject(), c), c);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"io.micrometer.observation.ObservationHandler",
      "org.springframework.http.server.reactive.observation.ServerRequestObservationContext"})
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
  @ConditionalOnProperty(name = WebSettings.ENABLED, matchIfMissing = true)
  static class ReactiveTracking {
    @Bean
    ReactiveRequestRecorder vitalsReactiveRequestRecorder(ObjectProvider<HealthMonitor> monitor,
        ObjectProvider<WebSettings> settings, ObjectProvider<Clock> clock) {
      Clock c = clock(clock);
      return new ReactiveRequestRecorder(() -> target(monitor.getObject(), settings.getObject(), c), c);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry",
      "dev.vitals.exporter.micrometer.VitalsMeterBinder"})
  @ConditionalOnProperty(name = WebSettings.METRICS_ENABLED, matchIfMissing = true)
  static class Metrics {
    /** Boot binds every {@code MeterBinder} bean to each {@code MeterRegistry} it configures. */
    @Bean
    VitalsMeterBinder vitalsMeterBinder(HealthMonitor monitor, ObjectProvider<Clock> clock) {
      return new VitalsMeterBinder(reports(monitor), clock(clock));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.springframework.boot.actuate.endpoint.annotation.Endpoint",
      "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint"})
  static class Endpoints {

    @Bean
    @ConditionalOnClass(name = "dev.vitals.exporter.prometheus.PrometheusMetricsWriter")
    @ConditionalOnAvailableEndpoint(endpoint = VitalsScrapeEndpoint.class)
    VitalsScrapeEndpoint vitalsScrapeEndpoint(HealthMonitor monitor, ObjectProvider<Clock> clock) {
      return new VitalsScrapeEndpoint(reports(monitor), prometheusWriter(), clock(clock));
    }

    @Bean
    @ConditionalOnClass(name = "dev.vitals.exporter.http.StatusPage")
    @ConditionalOnAvailableEndpoint(endpoint = VitalsStatusEndpoint.class)
    VitalsStatusEndpoint vitalsStatusEndpoint(HealthMonitor monitor, ObjectProvider<Clock> clock) {
      boolean details = "always".equalsIgnoreCase(monitor.config().get("vitals.http.details").orElse("never").trim());
      return new VitalsStatusEndpoint(reports(monitor), clock(clock), details, monitor::history);
    }

    /** Maps the two endpoints to {@code vitals.spring.endpoint.path} and {@code .status-path}. */
    @Bean
    PathMapper vitalsEndpointPathMapper(WebSettings s, Environment env) {
      return id -> {
        String path;
        if (VitalsScrapeEndpoint.ID.equals(id.toString())) {
          path = s.endpointPath;
        } else if (VitalsStatusEndpoint.ID.equals(id.toString())) {
          path = s.statusPath;
        } else {
          return null;
        }
        // Spring's own management.endpoints.web.path-mapping.<id> wins
        return env.containsProperty("management.endpoints.web.path-mapping." + id) ? null : path;
      };
    }

    private static MetricsWriter prometheusWriter() {
      ClassLoader loader = VitalsWebAutoConfiguration.class.getClassLoader();
      try {
        for (MetricsWriter w : ServiceLoader.load(MetricsWriter.class, loader)) {
          if (w.getClass().getName().equals("dev.vitals.exporter.prometheus.PrometheusMetricsWriter")) {
            return w;
          }
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalStateException("exporter-prometheus is on the class path but its metrics writer could "
            + "not be loaded: " + e.getMessage(), e);
      }
      throw new IllegalStateException("exporter-prometheus is on the class path but provides no metrics writer");
    }
  }
}
