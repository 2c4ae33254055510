package dev.vitals.exporter.http;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The same answers as {@link HttpEndpoint}, as a Jakarta Servlet 6 servlet, for services that already
 * run a servlet container (Jetty, Tomcat, Undertow). Paths are relative to where it is mounted:
 * mapped to {@code /vitals/*}, it answers {@code /vitals/health}, {@code /vitals/health/ready},
 * {@code /vitals/metrics} ... with the same status codes, headers and bytes as the endpoint.
 *
 * <pre>{@code
 * HealthServlet servlet = new HealthServlet(monitor::report,
 *     HealthServlet.Options.builder().details(Details.AUTHORIZED).token(token).build());
 * context.addServlet(new ServletHolder(servlet), "/vitals/*");      // Jetty
 * }</pre>
 *
 * <p>{@code jakarta.servlet} is needed at run time only by applications that use this class; the
 * module reads it {@code static}.
 *
 * <p>Thread-safe, as servlets must be. The report supplier is called on every request and must be
 * cheap (a volatile read).
 */
// "exports": the servlet API is read static, not transitive; a module that mounts this servlet requires
// jakarta.servlet itself (module-info says why)
@SuppressWarnings("exports")
public final class HealthServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient Responder responder;

  /**
   * A servlet with the default options: no details, the system clock.
   *
   * @param reports the latest report on each call, such as {@code monitor::report}; not null
   */
  public HealthServlet(Supplier<HealthReport> reports) {
    this(reports, Options.defaults());
  }

  /**
   * A servlet with options.
   *
   * @param reports the latest report on each call, such as {@code monitor::report}; not null
   * @param options details policy, token and clock; not null
   */
  public HealthServlet(Supplier<HealthReport> reports, Options options) {
    Objects.requireNonNull(reports, "reports");
    Objects.requireNonNull(options, "options");
    ClassLoader loader = HealthServlet.class.getClassLoader();
    this.responder = new Responder(reports, options.clock, options.details, options.token,
        () -> Responder.findMetricsWriter(loader), StatusPage::render, options.history);
  }

  /**
   * Answers every method: {@code GET} and {@code HEAD} on the known paths, {@code 405} for other
   * methods, {@code 404} for other paths.
   *
   * @param request the request
   * @param response the response
   * @throws IOException when writing the answer fails
   */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String method = request.getMethod();
    // getQueryString() is the query as sent, not decoded
    Response r = responder.respond(method, relativePath(request), request.getQueryString(),
        request.getHeader("Accept"), request.getHeader("Authorization"));
    response.setStatus(r.status);
    response.setContentType(r.contentType);
    response.setHeader("Cache-Control", r.cacheControl);
    if (r.allow != null) {
      response.setHeader("Allow", r.allow);
    }
    if (r.wwwAuthenticate != null) {
      response.setHeader("WWW-Authenticate", r.wwwAuthenticate);
    }
    if (r.contentSecurityPolicy != null) {
      response.setHeader("Content-Security-Policy", r.contentSecurityPolicy);
      response.setHeader("X-Content-Type-Options", "nosniff");
    }
    response.setContentLength(r.body.length);
    if (!"HEAD".equals(method)) {
      response.getOutputStream().write(r.body);
    }
  }

  /**
   * The path below the servlet's mount: {@code /health} for {@code /vitals/health} on {@code /vitals/*};
   * null, which is answered {@code 404}, when that part of the path was percent-encoded as sent (the
   * container decodes it; {@link HttpEndpoint} routes on the path as sent, and both must agree).
   */
  static String relativePath(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    MappingMatch match = request.getHttpServletMapping() == null
        ? null : request.getHttpServletMapping().getMappingMatch();
    String path;
    if (match == MappingMatch.PATH) {
      path = pathInfo == null ? "/" : pathInfo;
    } else {
      // default ("/") and exact mappings: the whole path within the context is the servlet path
      path = pathInfo == null ? servletPath : servletPath + pathInfo;
    }
    return encodedAsSent(request.getRequestURI(), path) ? null : path;
  }

  /**
   * Whether the last segments of a request URI as sent, as many as the decoded path has, hold a
   * {@code %} escape: decoding keeps the segments apart (an encoded {@code /} only adds segments, and
   * is itself an escape in what is looked at), so those are the path's own, whatever the mount.
   */
  static boolean encodedAsSent(String requestUri, String decodedPath) {
    if (requestUri == null || requestUri.indexOf('%') < 0) {
      return false;
    }
    int segments = 0;
    for (int i = 0; i < decodedPath.length(); i++) {
      if (decodedPath.charAt(i) == '/') {
        segments++;
      }
    }
    int from = requestUri.length();
    for (int found = 0; found < segments && from > 0; ) {
      from--;
      if (requestUri.charAt(from) == '/') {
        found++;
      }
    }
    return requestUri.indexOf('%', from) >= 0;
  }

  /**
   * How a {@link HealthServlet} answers: details policy, token and clock. Immutable and thread-safe.
   */
  public static final class Options {
    private static final Options DEFAULTS = new Options(Details.NEVER, null, Clock.system(), Optional::empty);

    private final Details details;
    private final String token;
    private final Clock clock;
    private final Supplier<Optional<dev.vitals.api.History>> history;

    private Options(Details details, String token, Clock clock, Supplier<Optional<dev.vitals.api.History>> history) {
      this.details = details;
      this.token = token;
      this.clock = clock;
      this.history = history;
    }

    /**
     * No details, the system clock.
     *
     * @return the default options
     */
    public static Options defaults() {
      return DEFAULTS;
    }

    /**
     * Options from the monitor's configuration: {@code vitals.http.details} and
     * {@code vitals.http.token}, as for {@link HttpEndpoint}; the other {@code vitals.http.*} keys
     * concern the JDK server and are ignored here.
     *
     * @param config the whole configuration (keys such as {@code vitals.http.details})
     * @return the options, with the system clock
     * @throws ConfigException when {@code details} is not allowed, or is {@code authorized}
     *     without a token
     */
    public static Options from(Config config) {
      Objects.requireNonNull(config, "config");
      Config http = config.scoped(HttpExporterFactory.PREFIX);
      Details details = Details.NEVER;
      Optional<String> raw = http.get("details");
      if (raw.isPresent()) {
        try {
          details = Details.parse(raw.get());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(http.fullKey("details"), raw.get(), Details.ALLOWED);
        }
      }
      Builder b = builder().details(details);
      if (details == Details.AUTHORIZED) {
        b.token(http.get("token").orElseThrow(() -> new ConfigException(http.fullKey("token"), null,
            "a bearer token when " + http.fullKey("details") + " = authorized (such as ${VITALS_TOKEN})")));
      }
      return b.build();
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
      return new Builder();
    }

    /**
     * The details policy.
     *
     * @return the policy
     */
    public Details details() {
      return details;
    }

    @Override
    public String toString() {
      return "Options{details=" + details.id() + (token == null ? "" : ", token=****") + '}';
    }

    /** Builds {@link Options}; each setting may be given once. Not thread-safe. */
    public static final class Builder {
      private Details details;
      private String token;
      private Clock clock;
      private dev.vitals.api.History history;

      private Builder() {}

      /**
       * The monitor's history, for {@code /history/{name}}, {@code /badge} and the status page's 30- and
       * 90-day bars (none by default: {@code /history} answers {@code 404} saying no store is configured).
       *
       * @param history the history, such as the monitor's, not null
       * @return this builder
       * @throws IllegalStateException if already set
       */
      public Builder history(dev.vitals.api.History history) {
        if (this.history != null) {
          throw new IllegalStateException("history was already set");
        }
        this.history = Objects.requireNonNull(history, "history");
        return this;
      }

      /**
       * How much answers show ({@link Details#NEVER} by default).
       *
       * @param details the level, not null
       * @return this builder
       * @throws IllegalStateException if already set
       */
      public Builder details(Details details) {
        if (this.details != null) {
          throw new IllegalStateException("details was already set");
        }
        this.details = Objects.requireNonNull(details, "details");
        return this;
      }

      /**
       * The bearer token for {@link Details#AUTHORIZED}; compared in constant time, never shown.
       *
       * @param token the token, not blank
       * @return this builder
       * @throws IllegalArgumentException if blank
       * @throws IllegalStateException if already set
       */
      public Builder token(String token) {
        if (this.token != null) {
          throw new IllegalStateException("token was already set");
        }
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
          throw new IllegalArgumentException("token must not be blank");
        }
        this.token = token;
        return this;
      }

      /**
       * The clock for uptime and times shown ({@link Clock#system()} by default).
       *
       * @param clock the clock, not null
       * @return this builder
       * @throws IllegalStateException if already set
       */
      public Builder clock(Clock clock) {
        if (this.clock != null) {
          throw new IllegalStateException("clock was already set");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
      }

      /**
       * Builds the options.
       *
       * @return new options
       * @throws IllegalStateException if details are {@link Details#AUTHORIZED} without a token
       */
      public Options build() {
        Details d = details == null ? Details.NEVER : details;
        if (d == Details.AUTHORIZED && token == null) {
          throw new IllegalStateException("details AUTHORIZED needs a token");
        }
        Optional<dev.vitals.api.History> h = Optional.ofNullable(history);
        return new Options(d, token, clock == null ? Clock.system() : clock, () -> h);
      }
    }
  }
}
