package dev.vitals.notifier.webhook;

import static dev.vitals.notifier.http.internal.Settings.read;

import dev.vitals.api.Redaction;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.NotifierRouting;
import dev.vitals.notifier.http.internal.Delivery;
import dev.vitals.notifier.http.internal.Endpoint;
import dev.vitals.notifier.http.internal.Endpoint.PlainHttp;
import dev.vitals.notifier.http.internal.Scrubber;
import dev.vitals.notifier.http.internal.Settings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds notifiers that post each alert as a JSON document to a URL
 * ({@code vitals.notifiers.<name>.type = webhook}).
 *
 * <p>Keys under {@code vitals.notifiers.<name>.}:
 * <ul>
 *   <li>{@code url} (required): an {@code http://} or {@code https://} URL. Shown by scheme and host
 *       only: its path and query may carry a token;</li>
 *   <li>{@code headers.<Header-Name>} (optional, one key per header), such as
 *       {@code headers.Authorization = Bearer ${TOKEN}}; values are never shown;</li>
 *   <li>{@code secret} (optional, at least {@value #MIN_SECRET} characters): signs each document;
 *       the {@code X-Vitals-Signature} header is then {@code sha256=} and the hex HMAC-SHA256 of the
 *       body, keyed with the secret;</li>
 *   <li>{@code timeout} (default 5s, at most 1m): the bound of one delivery attempt, covering connect,
 *       TLS handshake, request, response headers and body.</li>
 * </ul>
 *
 * <p>The document (version 1):
 * <pre>{@code
 * {"version":"1","dedupKey":"latency:db","rule":"latency","subject":"db","state":"FIRING",
 *  "severity":"CRITICAL","summary":"db p95 240 ms is above 2x its 50 ms target (100 ms)","value":240,
 *  "threshold":100,"unit":"ms","startsAt":"2026-11-27T10:00:00Z","time":"2026-11-27T10:41:07.123Z",
 *  "repeat":false,"link":"https://status.example.com/","labels":{"kind":"readiness","type":"jdbc"}}
 * }</pre>
 *
 * <p><b>Routing.</b> A webhook feeds another system, which decides for itself: by default a
 * {@code webhook} notifier receives every alert, critical and warning ({@link #defaultRouting()}). The
 * monitor's keys {@code severities} ({@code critical}, {@code warning}, {@code all}, {@code none}),
 * {@code rules} and {@code subjects} narrow that for one notifier.
 *
 * <p>Every bad key is reported at once, in one {@link ConfigException}. Nothing is sent over the network
 * and no thread is started before the first alert. Stateless and thread-safe; ServiceLoader creates it
 * with the public no-argument constructor.
 */
public final class WebhookNotifierFactory implements NotifierFactory {

  /** The type name in configuration. */
  public static final String TYPE = "webhook";
  /** The prefix of header keys: {@code headers.Authorization = Bearer ${TOKEN}}. */
  public static final String HEADERS_PREFIX = "headers.";
  /** The timeout of one delivery attempt when none is configured: 5 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The longest timeout that may be configured: 1 minute. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
  /** The fewest characters a signing secret may have. */
  public static final int MIN_SECRET = 16;

  static final String HEADER_FORM = "a header the JDK HttpClient may send: a token name other than Connection, "
      + "Content-Length, Expect, Host, Upgrade, Content-Type, User-Agent or X-Vitals-Signature, "
      + "and a value without line breaks";

  /** What the {@code url} key allows, for error messages. */
  static final String URL_FORM = "an absolute http:// or https:// URL with a host and without user-info "
      + "(send credentials with headers.Authorization)";

  private static final Set<String> KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
      "url", "headers", "secret", "timeout")));
  private static final Set<String> OWN_HEADERS = Set.of("content-type", "x-vitals-signature", "user-agent");

  /** A factory; ServiceLoader calls this. */
  public WebhookNotifierFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code webhook}
   */
  @Override
  public String type() {
    return TYPE;
  }

  /**
   * The keys of type {@code webhook}. {@code headers} stands for the open-ended family
   * {@code headers.<Header-Name>}: the monitor must accept any key that starts with
   * {@value #HEADERS_PREFIX}.
   *
   * @return {@code url}, {@code headers}, {@code secret}, {@code timeout}
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * A webhook receives every alert: its receiver routes them further.
   *
   * @return {@link NotifierRouting#all()}
   */
  @Override
  public NotifierRouting defaultRouting() {
    return NotifierRouting.all();
  }

  /**
   * Builds a notifier from its settings; opens no connection.
   *
   * @param config the notifier's settings, not null
   * @return a notifier named {@code config.name()}
   * @throws ConfigException listing every missing or bad key, with what is allowed (never showing a
   *     header value or the secret)
   */
  @Override
  public Notifier create(NotifierConfig config) {
    List<String> problems = new ArrayList<>();
    Endpoint endpoint = read(problems, () -> Endpoint.parse(config, "url", PlainHttp.ANY_HOST, URL_FORM));
    Duration timeout = read(problems, () -> Settings.timeout(config, DEFAULT_TIMEOUT, MAX_TIMEOUT));
    Map<String, String> headers = new LinkedHashMap<>();
    for (String key : config.keys()) {
      if (key.equals("headers")) {
        problems.add(ConfigException.describe(config.fullKey(key), Redaction.MASK,
            "one key per header, such as " + config.fullKey("headers.Authorization")));
      } else if (key.startsWith(HEADERS_PREFIX)) {
        read(problems, () -> header(config, key, headers));
      }
    }
    Optional<String> secret = config.get("secret");
    if (secret.isPresent() && secret.get().length() < MIN_SECRET) {
      problems.add(ConfigException.describe(config.fullKey("secret"), Redaction.MASK,
          "a secret of at least " + MIN_SECRET + " characters"));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    List<String> secrets = new ArrayList<>(endpoint.secrets());
    secrets.addAll(headers.values());
    secret.ifPresent(secrets::add);
    String who = "webhook notifier '" + config.name() + "'";
    Delivery delivery = new Delivery(who, endpoint, timeout, new Scrubber(secrets), "vitals-notifier-webhook");
    return new WebhookNotifier(config.name(), endpoint, Collections.unmodifiableMap(headers),
        secret.map(Signature::new).orElse(null), delivery);
  }

  private static Void header(Config config, String key, Map<String, String> headers) {
    String name = key.substring(HEADERS_PREFIX.length());
    Optional<String> value = config.get(key);
    if (value.isEmpty()) {
      throw new ConfigException(config.fullKey(key), null, "a header value");
    }
    boolean valid = !OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT));
    if (valid) {
      try {
        HttpRequest.newBuilder(URI.create("http://localhost/")).header(name, value.get());
      } catch (IllegalArgumentException e) {
        valid = false;
      }
    }
    if (!valid) {
      throw new ConfigException(config.fullKey(key), Redaction.MASK, HEADER_FORM);
    }
    for (String existing : headers.keySet()) {
      if (existing.equalsIgnoreCase(name)) {
        throw new ConfigException(config.fullKey(key), Redaction.MASK, "one value per header; "
            + config.fullKey(HEADERS_PREFIX + existing) + " is set too");
      }
    }
    headers.put(name, value.get());
    return null;
  }



}
