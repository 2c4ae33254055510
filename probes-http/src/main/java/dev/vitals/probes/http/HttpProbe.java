package dev.vitals.probes.http;

import dev.vitals.api.Clock;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Redaction;
import dev.vitals.api.Secrets;
import dev.vitals.api.Status;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import javax.net.ssl.SSLContext;

/**
 * A probe of type {@code http}: one HTTP(S) request with the JDK {@link HttpClient}, then checks of
 * the status code, optionally of the body, and for {@code https} of the server certificate's expiry.
 *
 * <pre>{@code
 * HttpProbe orders = HttpProbe.builder("orders-api")
 *     .url("https://orders.example.com/health")
 *     .header("Authorization", "Bearer " + token)
 *     .expectedStatus("200-299,304")
 *     .jsonPointerEquals("/status", "\"UP\"")
 *     .allowedHosts("orders.example.com")
 *     .timeout(Duration.ofSeconds(2))
 *     .build();
 * }</pre>
 *
 * <p><b>Results.</b> {@code UP} when the status code is expected, every body check passes and the
 * certificate has at least {@link Builder#certificateExpiryDays(int) cert-expiry-days} left;
 * {@code DEGRADED} when only the certificate expires sooner; {@code DOWN} otherwise, with a message
 * that says what failed (connection refused, unknown host, timed out waiting for the headers or the
 * body, unexpected status, body check failed, certificate expired or not trusted, redirect refused).
 * The probe never reports {@code DEGRADED} for slowness: the engine does that against the budget
 * ({@link LatencyBudget#API} by default). Details: {@code statusCode}, {@code url}, {@code redirects}
 * (when followed), and for {@code https} {@code tlsProtocol}, {@code certExpiresInDays},
 * {@code certNotAfter} and {@code certSubject} of the certificate of the chain that expires first.
 * Header values never appear in results, messages or {@link #toString()}: the probe scrubs its secrets
 * ({@link Secrets#isSecretKey(String) every header value} but those of a few standard headers such as
 * {@code Accept}, and the values of secret-named URL parameters such as {@code private_token}) from
 * every message and detail it makes, quoted response bodies, redirect locations and exception
 * messages included, before anything is cut short.
 *
 * <p><b>Time.</b> One deadline covers the whole check: every redirect hop, connect, TLS handshake,
 * response headers and the body. The probe gives up a little before its timeout (a tenth of it, at
 * most 100 ms), so its own message, which names the phase, is what the engine reports. An abandoned
 * exchange is cancelled and its connection closed. Checks do not wait on name resolution past the
 * deadline either, though the client's worker thread finishes a stuck lookup in the background.
 *
 * <p><b>Redirects</b> are off by default: a health endpoint that redirects is usually misconfigured
 * (a plain-http URL sent to https, a login page answering 200 for a dead service), so a 3xx is
 * checked like any status and its {@code Location} shown in the message. When on, the probe follows
 * them itself, hop by hop: each {@code Location} must be {@code http} or {@code https} and, when an
 * allow-list is set, name an allowed host; {@code Authorization}, {@code Proxy-Authorization} and
 * {@code Cookie} headers are only sent to the origin (scheme, host and port) of the configured URL.
 *
 * <p><b>Resources.</b> The probe creates its {@link HttpClient} on its first check and keeps it, with
 * its connection pool (HTTP/1.1, at most one idle connection for checks run one at a time), one
 * selector thread, and at most two worker threads that end after a second idle. {@link #close()}
 * releases them; a later check creates them again.
 *
 * <p>Thread-safe: checks may run concurrently. Immutable configuration; built by {@link Builder}.
 */
public final class HttpProbe implements Probe, AutoCloseable {

  /** The type name in configuration. */
  public static final String TYPE = "http";
  /** Days of certificate validity below which the probe is {@code DEGRADED}, by default. */
  public static final int DEFAULT_CERT_EXPIRY_DAYS = 14;
  /** Redirect hops followed at most, by default, when redirects are followed. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;
  /** The most redirect hops that can be configured. */
  public static final int MAX_REDIRECTS_LIMIT = 20;
  /** How many body bytes the body checks read at most: 1 MiB. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");
  static final String METHOD_FORM = "one of GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH";
  static final String URL_FORM = "an absolute http:// or https:// URL with a host and without user-info "
      + "(send credentials with headers.Authorization)";
  static final String HEADER_FORM = "a header the JDK HttpClient may send: a token name other than "
      + "Connection, Content-Length, Expect, Host or Upgrade, and a value without line breaks";

  private final String name;
  private final URI uri;
  private final String method;
  private final Map<String, String> headers;
  private final StatusRanges expected;
  private final Duration timeout;
  private final long deadlineNanos;
  private final ProbeDefaults defaults;
  /** Its header values and URL secrets, scrubbed from everything it reports. */
  private final Secrets secrets;
  private final RedirectPolicy redirects;
  private final BodyChecks bodyChecks;
  private final CertificateCheck certificate;
  private final ClientLifecycle client;

  private HttpProbe(Builder b) {
    this.name = b.name;
    this.uri = b.uri;
    this.method = b.method == null ? "GET" : b.method;
    this.headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.expected = b.expected == null ? StatusRanges.DEFAULT : b.expected;
    this.timeout = b.timeout == null ? Duration.ofSeconds(2) : b.timeout;
    this.deadlineNanos = ownDeadline(this.timeout);
    this.defaults = ProbeDefaults.builder().budget(LatencyBudget.API).timeout(this.timeout).build();
    this.secrets = secrets(headers, uri);
    this.redirects = new RedirectPolicy(b.followRedirects != null && b.followRedirects,
        b.maxRedirects == null ? DEFAULT_MAX_REDIRECTS : b.maxRedirects, b.allowedHosts);
    this.bodyChecks = new BodyChecks(b.bodyContains, b.bodyRegex, b.jsonPointer, b.jsonExpected, secrets, timeout);
    this.certificate = new CertificateCheck(b.certExpiryDays == null ? DEFAULT_CERT_EXPIRY_DAYS : b.certExpiryDays,
        b.clock == null ? Clock.system() : b.clock);
    this.client = new ClientLifecycle(name, timeout, b.sslContext);
  }

  /** The secrets a probe knows, by the rule of {@link Secrets#of(dev.vitals.api.spi.Config)}. */
  private static Secrets secrets(Map<String, String> headers, URI uri) {
    Map<String, String> own = new LinkedHashMap<>();
    headers.forEach((name, value) -> own.put(HttpProbeFactory.HEADERS_PREFIX + name, value));
    own.put("url", uri.toString());
    return Secrets.of(dev.vitals.api.spi.Config.of(own));
  }

  /**
   * A builder for a probe.
   *
   * @param name the probe's name: {@value dev.vitals.api.Names#RULE}
   * @return a new builder
   * @throws IllegalArgumentException if the name does not follow {@link dev.vitals.api.Names#RULE}
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The time a check may take: the timeout less a tenth of it, at most 100 ms less. */
  static long ownDeadline(Duration timeout) {
    long t = timeout.toNanos();
    return t - Math.min(t / 10, TimeUnit.MILLISECONDS.toNanos(100));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Suggests the {@link LatencyBudget#API} budget (200 ms target, 500 ms acceptable) and the
   * probe's timeout.
   *
   * @return the defaults
   */
  @Override
  public ProbeDefaults defaults() {
    return defaults;
  }

  /**
   * Sends the request, follows redirects when configured, and checks the final response.
   *
   * @return the result; never null
   * @throws InterruptedException when the calling thread is interrupted (the exchange is cancelled)
   */
  @Override
  public ProbeResult check() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before the check started");
    }
    long deadline = System.nanoTime() + deadlineNanos;
    HttpClient http = client.client();
    URI target = uri;
    String verb = method;
    int hops = 0;
    while (true) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("url", target.toString());
      if (hops > 0) {
        details.put("redirects", hops);
      }
      Exchange ex = send(http, target, verb, deadline, details);
      if (ex.failure != null) {
        return ex.failure;
      }
      HttpResponse<BodyCollector.Body> response = ex.response;
      int code = response.statusCode();
      details.put("statusCode", code);
      Optional<String> location = response.headers().firstValue("Location");
      if (redirects.follows(code) && location.isPresent()) {
        if (hops >= redirects.maxHops()) {
          return result(Status.DOWN, "too many redirects: more than " + redirects.maxHops() + " hops (max-redirects); "
              + "the last, from " + target + ", goes to " + location.get(), details);
        }
        URI next;
        try {
          next = target.resolve(new URI(location.get().trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
          return result(Status.DOWN, "invalid redirect from " + target + ": Location '" + location.get()
              + "' is not a URL", details);
        }
        String refused = redirects.refuse(next);
        if (refused != null) {
          return result(Status.DOWN, "redirect from " + target + " refused: " + refused, details);
        }
        verb = RedirectPolicy.methodAfter(code, verb);
        target = RedirectPolicy.stripFragment(next);
        hops++;
        continue;
      }
      return evaluate(response, target, verb, deadline, details);
    }
  }

  /** The outcome of one request: a response, or a failure result. */
  private static final class Exchange {
    final HttpResponse<BodyCollector.Body> response;
    final ProbeResult failure;

    Exchange(HttpResponse<BodyCollector.Body> response, ProbeResult failure) {
      this.response = response;
      this.failure = failure;
    }
  }

  private Exchange send(HttpClient http, URI target, String verb, long deadline, Map<String, Object> details)
      throws InterruptedException {
    long remaining = deadline - System.nanoTime();
    if (remaining <= 0) {
      return new Exchange(null, result(Status.DOWN, "timed out before " + verb + " " + target
          + " was sent (timeout " + format(timeout) + ")", details));
    }
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(target);
    } catch (IllegalArgumentException e) {
      return new Exchange(null, result(Status.DOWN, "cannot request " + target + ": " + e.getMessage(), details));
    }
    request.method(verb, HttpRequest.BodyPublishers.noBody())
        .timeout(Duration.ofNanos(Math.max(remaining, TimeUnit.MILLISECONDS.toNanos(1))));
    boolean agent = false;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      String lower = h.getKey().toLowerCase(Locale.ROOT);
      agent |= lower.equals("user-agent");
      if (RedirectPolicy.sends(lower, uri, target)) {
        request.header(h.getKey(), h.getValue());
      }
    }
    if (!agent) {
      request.header("User-Agent", "vitals-http-probe");
    }
    BodyCollector body = new BodyCollector(bodyChecks.readsBody() ? MAX_BODY_BYTES : 0);
    CompletableFuture<HttpResponse<BodyCollector.Body>> future = http.sendAsync(request.build(), body);
    try {
      return new Exchange(future.get(remaining, TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      abandon(future, body);
      return new Exchange(null, timedOut(verb, target, body, details));
    } catch (InterruptedException e) {
      abandon(future, body);
      throw e;
    } catch (ExecutionException e) {
      body.cancel();
      Throwable cause = Failures.unwrap(e);
      if (cause instanceof java.net.http.HttpTimeoutException) {
        // The client's own timers (request and connect timeouts, set no shorter than this deadline)
        // may fire at the same moment as it: the same fault gets the same message either way.
        return new Exchange(null, timedOut(verb, target, body, details));
      }
      return new Exchange(null, result(Status.DOWN, Failures.describe(cause, verb, target), details));
    }
  }

  private static void abandon(CompletableFuture<?> future, BodyCollector body) {
    future.cancel(true);
    body.cancel();
  }

  private ProbeResult timedOut(String verb, URI target, BodyCollector body, Map<String, Object> details) {
    String message = body.headersReceived()
        ? "timed out reading the response body of " + verb + " " + target + " after " + body.received()
            + " bytes (timeout " + format(timeout) + ")"
        : "timed out waiting for " + verb + " " + target + " to answer: connect, TLS handshake and response "
            + "headers did not complete (timeout " + format(timeout) + ")";
    return result(Status.DOWN, message, details);
  }

  private ProbeResult evaluate(HttpResponse<BodyCollector.Body> response, URI target, String verb,
      long deadline, Map<String, Object> details) {
    int code = response.statusCode();
    Instant notAfter = certificate.details(response, details);
    if (!expected.accepts(code)) {
      String where = response.headers().firstValue("Location")
          .map(l -> " (Location: " + l + (RedirectPolicy.isRedirect(code) && !redirects.follows() ? "; follow-redirects is off)" : ")"))
          .orElse("");
      return result(Status.DOWN, "HTTP " + code + where + " from " + verb + " " + target
          + "; expected " + expected, details);
    }
    String bodyProblem = bodyChecks.problem(response.body(), deadline);
    if (bodyProblem != null) {
      return result(Status.DOWN, bodyProblem, details);
    }
    if (notAfter != null) {
      CertificateCheck.Finding finding = certificate.judge(notAfter, target, details);
      if (finding != null) {
        return result(finding.status, finding.message, details);
      }
    }
    return result(Status.UP, "HTTP " + code, details);
  }

  /** Every result the probe makes: its secrets scrubbed from the message and each detail. */
  private ProbeResult result(Status status, String message, Map<String, Object> details) {
    ProbeResult.Builder b = ProbeResult.builder(status).message(secrets.scrub(message));
    details.forEach((k, v) -> b.detail(k, v instanceof String ? secrets.scrub((String) v) : v));
    return b.build();
  }

  static String format(Duration d) {
    return dev.vitals.api.spi.Config.formatDuration(d);
  }

  /**
   * Releases the HTTP client: its worker threads stop, and its selector thread and pooled connection
   * end once the client is garbage-collected (Java 17's client has no close method). A later check
   * creates a new client. Idempotent.
   */
  @Override
  public void close() {
    client.close();
  }

  @Override
  public String toString() {
    return "HttpProbe[" + name + ", " + method + " " + secrets.scrub(uri.toString()) + "]";
  }

  /**
   * Builds an {@link HttpProbe}. Each setting is checked at once (an {@link IllegalArgumentException}
   * names it, the value and what is allowed) and may be given once (an {@link IllegalStateException}
   * otherwise). {@link #build()} may be called more than once. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private URI uri;
    private String method;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private StatusRanges expected;
    private String bodyContains;
    private Pattern bodyRegex;
    private JsonPointer jsonPointer;
    private Object jsonExpected;
    private Boolean followRedirects;
    private Integer maxRedirects;
    private HostAllowList allowedHosts;
    private Integer certExpiryDays;
    private SSLContext sslContext;
    private Duration timeout;
    private Clock clock;

    private Builder(String name) {
      this.name = Names.check(name, "probe");
    }

    /**
     * The URL to request (configuration key {@code url}). Required.
     *
     * @param url an absolute {@code http://} or {@code https://} URL with a host and without user-info;
     *     a fragment is dropped
     * @return this builder
     * @throws IllegalArgumentException if the URL is malformed or of another scheme ({@code file:} ...)
     * @throws IllegalStateException if already set
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url");
      URI parsed;
      try {
        parsed = new URI(url.trim());
      } catch (URISyntaxException e) {
        throw new BadValue("url", url, URL_FORM);
      }
      return url(parsed);
    }

    /**
     * The URL to request. Required.
     *
     * @param url an absolute {@code http://} or {@code https://} URL with a host and without user-info
     * @return this builder
     * @throws IllegalArgumentException if the URL is of another scheme, has no host or has user-info
     * @throws IllegalStateException if already set
     */
    public Builder url(URI url) {
      Objects.requireNonNull(url, "url");
      requireUnset(uri, "url");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
          || url.getRawUserInfo() != null) {
        throw new BadValue("url", url.toString(), URL_FORM);
      }
      this.uri = RedirectPolicy.stripFragment(url);
      return this;
    }

    /**
     * The request method (configuration key {@code method}); {@code GET} by default. The request has
     * no body.
     *
     * @param method one of GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH (any case)
     * @return this builder
     * @throws IllegalArgumentException for another method
     * @throws IllegalStateException if already set
     */
    public Builder method(String method) {
      Objects.requireNonNull(method, "method");
      requireUnset(this.method, "method");
      String m = method.trim().toUpperCase(Locale.ROOT);
      if (!METHODS.contains(m)) {
        throw new BadValue("method", method, METHOD_FORM);
      }
      this.method = m;
      return this;
    }

    /**
     * A request header (configuration key {@code headers.<name>}). Its value is never shown.
     *
     * @param name the header name
     * @param value the value, such as {@code Bearer <token>}
     * @return this builder
     * @throws IllegalArgumentException if the JDK client may not send it ({@code Host},
     *     {@code Connection}, {@code Content-Length}, {@code Expect}, {@code Upgrade}, a malformed name,
     *     a value with line breaks)
     * @throws IllegalStateException if a header of that name (ignoring case) was already set
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "header name");
      Objects.requireNonNull(value, "value of header " + name);
      for (String existing : headers.keySet()) {
        if (existing.equalsIgnoreCase(name)) {
          throw new IllegalStateException("header " + name + " was already set");
        }
      }
      try {
        HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, value);
      } catch (IllegalArgumentException e) {
        throw new BadValue("headers." + name, Redaction.MASK, HEADER_FORM);
      }
      headers.put(name, value);
      return this;
    }

    /**
     * The status codes that count as healthy (configuration key {@code expected-status});
     * {@code 200-299} by default.
     *
     * @param spec a comma-separated list of codes, ranges and classes, such as {@code 200-299,304} or {@code 2xx}
     * @return this builder
     * @throws IllegalArgumentException if malformed or outside 100-599
     * @throws IllegalStateException if already set
     */
    public Builder expectedStatus(String spec) {
      Objects.requireNonNull(spec, "spec");
      requireUnset(expected, "expected-status");
      try {
        this.expected = StatusRanges.parse(spec);
      } catch (IllegalArgumentException e) {
        throw new BadValue("expected-status", spec, StatusRanges.FORM);
      }
      return this;
    }

    /**
     * Text the response body must contain (configuration key {@code body-contains}).
     *
     * @param text a non-empty text, matched literally and case-sensitively
     * @return this builder
     * @throws IllegalArgumentException if empty
     * @throws IllegalStateException if already set
     */
    public Builder bodyContains(String text) {
      Objects.requireNonNull(text, "text");
      requireUnset(bodyContains, "body-contains");
      if (text.isEmpty()) {
        throw new BadValue("body-contains", text, "a non-empty text");
      }
      this.bodyContains = text;
      return this;
    }

    /**
     * A regular expression found somewhere in the response body (configuration key {@code body-regex});
     * use {@code ^...$} with {@code (?s)} to match the whole body.
     *
     * @param regex a {@link Pattern} expression
     * @return this builder
     * @throws IllegalArgumentException if it does not compile
     * @throws IllegalStateException if already set
     */
    public Builder bodyRegex(String regex) {
      Objects.requireNonNull(regex, "regex");
      requireUnset(bodyRegex, "body-regex");
      try {
        this.bodyRegex = Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        throw new BadValue("body-regex", regex, "a Java regular expression (" + e.getDescription()
            + " at index " + e.getIndex() + ")");
      }
      return this;
    }

    /**
     * Requires the body to be JSON in which a JSON Pointer (RFC 6901) refers to a value
     * (configuration key {@code json-pointer} without {@code json-equals}).
     *
     * @param pointer such as {@code /status} or {@code /checks/0/name}; empty for the whole document
     * @return this builder
     * @throws IllegalArgumentException if the pointer is malformed
     * @throws IllegalStateException if a JSON pointer was already set
     */
    public Builder jsonPointer(String pointer) {
      Objects.requireNonNull(pointer, "pointer");
      requireUnset(jsonPointer, "json-pointer");
      this.jsonPointer = pointer(pointer);
      return this;
    }

    /**
     * Requires the body to be JSON in which a JSON Pointer refers to a given value (configuration
     * keys {@code json-pointer} and {@code json-equals}). The expected value is JSON ({@code "UP"},
     * {@code 42}, {@code true}, {@code null}, {@code {"a":1}}); text that is not JSON is taken as a
     * string, so {@code UP} means {@code "UP"}. Numbers compare by value, objects regardless of order.
     *
     * @param pointer such as {@code /status}
     * @param expectedJson the expected value
     * @return this builder
     * @throws IllegalArgumentException if the pointer is malformed
     * @throws IllegalStateException if a JSON pointer was already set
     */
    public Builder jsonPointerEquals(String pointer, String expectedJson) {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(expectedJson, "expectedJson");
      requireUnset(jsonPointer, "json-pointer");
      JsonPointer p = pointer(pointer);
      Object value;
      try {
        value = JsonBody.parse(expectedJson);
      } catch (JsonBody.ParseException e) {
        value = expectedJson;
      }
      this.jsonPointer = p;
      this.jsonExpected = value;
      return this;
    }

    private static JsonPointer pointer(String pointer) {
      try {
        return JsonPointer.parse(pointer);
      } catch (IllegalArgumentException e) {
        throw new BadValue("json-pointer", pointer, "a JSON Pointer (RFC 6901) such as /status or /checks/0/name: "
            + e.getMessage());
      }
    }

    /**
     * Whether to follow redirects (configuration key {@code follow-redirects}); false by default, so
     * a 3xx is checked against the expected statuses like any code.
     *
     * @param follow true to follow up to {@link #maxRedirects(int)} hops
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder followRedirects(boolean follow) {
      requireUnset(followRedirects, "follow-redirects");
      this.followRedirects = follow;
      return this;
    }

    /**
     * The most redirect hops followed (configuration key {@code max-redirects}); 5 by default. One
     * more redirect makes the probe {@code DOWN}.
     *
     * @param hops from 1 to {@value #MAX_REDIRECTS_LIMIT}
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxRedirects(int hops) {
      requireUnset(maxRedirects, "max-redirects");
      if (hops < 1 || hops > MAX_REDIRECTS_LIMIT) {
        throw new BadValue("max-redirects", Integer.toString(hops), "an integer from 1 to " + MAX_REDIRECTS_LIMIT);
      }
      this.maxRedirects = hops;
      return this;
    }

    /**
     * The only hosts the probe may contact (configuration key {@code allowed-hosts}), on the first
     * request and on every redirect hop. Unset, any host is allowed.
     *
     * @param hosts host names or IP literals, each optionally {@code *.domain} for its subdomains
     * @return this builder
     * @throws IllegalArgumentException if none is given or one is malformed
     * @throws IllegalStateException if already set
     */
    public Builder allowedHosts(Collection<String> hosts) {
      Objects.requireNonNull(hosts, "hosts");
      requireUnset(allowedHosts, "allowed-hosts");
      try {
        this.allowedHosts = HostAllowList.of(hosts);
      } catch (IllegalArgumentException e) {
        throw new BadValue("allowed-hosts", String.join(",", hosts), HostAllowList.FORM);
      }
      return this;
    }

    /**
     * The only hosts the probe may contact; see {@link #allowedHosts(Collection)}.
     *
     * @param hosts host names or IP literals
     * @return this builder
     * @throws IllegalArgumentException if none is given or one is malformed
     * @throws IllegalStateException if already set
     */
    public Builder allowedHosts(String... hosts) {
      return allowedHosts(List.of(hosts));
    }

    /**
     * How many days of certificate validity must remain for {@code UP} (configuration key
     * {@code cert-expiry-days}); fewer make the probe {@code DEGRADED}. 14 by default; 0 turns the
     * warning off (an expired certificate is still {@code DOWN}).
     *
     * @param days from 0 to 3650
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder certificateExpiryDays(int days) {
      requireUnset(certExpiryDays, "cert-expiry-days");
      if (days < 0 || days > 3650) {
        throw new BadValue("cert-expiry-days", Integer.toString(days), "an integer from 0 to 3650");
      }
      this.certExpiryDays = days;
      return this;
    }

    /**
     * The TLS context, to trust a private CA (configuration keys {@code trust-store} and
     * {@code trust-store-password} build one). The JDK's default trust store otherwise. Host names
     * are always verified.
     *
     * @param context an initialized context
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder sslContext(SSLContext context) {
      requireUnset(sslContext, "sslContext");
      this.sslContext = Objects.requireNonNull(context, "context");
      return this;
    }

    /**
     * The probe's timeout, covering the whole check; 2 seconds by default. From configuration, the
     * probe's {@code timeout}.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      requireUnset(this.timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * The wall clock that certificate expiry is measured against; the system clock by default. I/O
     * deadlines always use real time, since they bound real waits.
     *
     * @param clock the clock
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the probe. It opens no connection and starts no thread until its first check.
     *
     * @return a new probe
     * @throws IllegalArgumentException if the URL is missing, its host is not in the allow-list, or a
     *     body check is set with the {@code HEAD} method
     */
    public HttpProbe build() {
      if (uri == null) {
        throw new BadValue("url", null, URL_FORM);
      }
      if (allowedHosts != null && !allowedHosts.allows(uri.getHost())) {
        throw new BadValue("url", uri.toString(), "a URL whose host is in allowed-hosts (" + allowedHosts + ")");
      }
      if ("HEAD".equals(method) && (bodyContains != null || bodyRegex != null || jsonPointer != null)) {
        throw new BadValue("method", method, "a method with a response body (not HEAD) when a body check is set");
      }
      return new HttpProbe(this);
    }

    private static void requireUnset(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set");
      }
    }
  }
}
