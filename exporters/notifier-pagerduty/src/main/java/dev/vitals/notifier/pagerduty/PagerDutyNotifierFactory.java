package dev.vitals.notifier.pagerduty;

import static dev.vitals.notifier.http.internal.Settings.read;
import static dev.vitals.notifier.http.internal.Settings.text;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.NotifierRouting;
import dev.vitals.notifier.http.internal.Delivery;
import dev.vitals.notifier.http.internal.Endpoint;
import dev.vitals.notifier.http.internal.Endpoint.PlainHttp;
import dev.vitals.notifier.http.internal.PostingNotifier;
import dev.vitals.notifier.http.internal.Scrubber;
import dev.vitals.notifier.http.internal.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Builds notifiers that send alerts to PagerDuty's Events API v2
 * ({@code vitals.notifiers.<name>.type = pagerduty}): a firing alert triggers (a reminder triggers
 * again, with the same {@code dedup_key}), a resolved one resolves; the {@code dedup_key} is the
 * alert's {@link dev.vitals.api.Alert#dedupKey() dedupKey()}.
 *
 * <p>Keys under {@code vitals.notifiers.<name>.}:
 * <ul>
 *   <li>{@code routing-key} (required): the 32-character integration key of an Events API v2
 *       integration, usually {@code ${PAGERDUTY_ROUTING_KEY}}. A secret: never shown;</li>
 *   <li>{@code url} (default {@value #DEFAULT_URL}): the events endpoint; {@code https} only, except
 *       {@code http} to {@code 127.0.0.1} or {@code localhost}, for tests. Shown by scheme and host
 *       only;</li>
 *   <li>{@code source} (default: this machine's host name, from {@code HOSTNAME} or the JDK, read
 *       on the first trigger): {@code payload.source};</li>
 *   <li>{@code group} (optional): {@code payload.group}, such as {@code checkout-stack};</li>
 *   <li>{@code severity-critical} (default {@code critical}) and {@code severity-warning} (default
 *       {@code warning}): the PagerDuty severity of critical and warning alerts, each one of
 *       {@code critical}, {@code error}, {@code warning}, {@code info};</li>
 *   <li>{@code link-text} (default {@value #DEFAULT_LINK_TEXT}): the text of the link to the status
 *       page, when an alert has one;</li>
 *   <li>{@code timeout} (default 5s, at most 1m): the bound of one delivery attempt, covering connect,
 *       TLS handshake, request, response headers and body.</li>
 * </ul>
 * Every bad key is reported at once, in one {@link ConfigException}. Nothing is sent over the network
 * and no thread is started before the first alert.
 *
 * <p><b>Routing.</b> PagerDuty pages someone, so by default a {@code pagerduty} notifier receives
 * <em>critical</em> alerts only ({@link #defaultRouting()}): a critical probe down, an SLO burning fast
 * (including a burn that escalates from warning to critical, then its reminders and resolve). Warnings —
 * a slow cold start after a deploy, a latency or error-rate budget exceeded, a regression — page nobody.
 * The monitor's keys {@code severities} ({@code critical}, {@code warning}, {@code all}, {@code none}),
 * {@code rules} and {@code subjects} change that for one notifier.
 *
 * <p>Stateless and thread-safe; ServiceLoader creates it with the public no-argument constructor.
 */
public final class PagerDutyNotifierFactory implements NotifierFactory {

  /** The type name in configuration. */
  public static final String TYPE = "pagerduty";
  /** PagerDuty's Events API v2 endpoint, used when no {@code url} is configured. */
  public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
  /** The timeout of one delivery attempt when none is configured: 5 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The longest timeout that may be configured: 1 minute. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
  /** The text of the link to the status page when none is configured. */
  public static final String DEFAULT_LINK_TEXT = "Vitals status page";

  /** What the {@code url} key allows, for error messages. */
  static final String URL_FORM = "an https:// URL with a host and without user-info, such as "
      + "https://events.pagerduty.com/v2/enqueue (http:// only to 127.0.0.1 or localhost, for tests)";

  private static final Set<String> KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
      "url", "routing-key", "source", "group", "severity-critical", "severity-warning", "link-text", "timeout")));
  private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{32}");

  /** A factory; ServiceLoader calls this. */
  public PagerDutyNotifierFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code pagerduty}
   */
  @Override
  public String type() {
    return TYPE;
  }

  /**
   * The keys of type {@code pagerduty}.
   *
   * @return {@code url}, {@code routing-key}, {@code source}, {@code group}, {@code severity-critical},
   *     {@code severity-warning}, {@code link-text}, {@code timeout}
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * PagerDuty is for critical alerts only: the performance guide's rule, so that an ordinary deploy
   * (whose cold start may well exceed the 500 ms warning threshold) pages nobody.
   *
   * @return critical alerts, of every rule and subject
   */
  @Override
  public NotifierRouting defaultRouting() {
    return NotifierRouting.of(Alert.Severity.CRITICAL);
  }

  /**
   * Builds a notifier from its settings; opens no connection.
   *
   * @param config the notifier's settings, not null
   * @return a notifier named {@code config.name()}
   * @throws ConfigException listing every missing or bad key, with what is allowed (never showing the
   *     routing key)
   */
  @Override
  public Notifier create(NotifierConfig config) {
    List<String> problems = new ArrayList<>();
    Endpoint endpoint = read(problems, () -> Endpoint.parseOrDefault(config, "url", DEFAULT_URL, PlainHttp.LOOPBACK_ONLY, URL_FORM));
    String routingKey = read(problems, () -> {
      String form = "the 32-character integration key of an Events API v2 integration (letters and digits)";
      String v = config.get("routing-key").orElseThrow(() -> new ConfigException(config.fullKey("routing-key"), null, form));
      if (!ROUTING_KEY.matcher(v).matches()) {
        throw new ConfigException(config.fullKey("routing-key"), v, form);
      }
      return v;
    });
    Duration timeout = read(problems, () -> Settings.timeout(config, DEFAULT_TIMEOUT, MAX_TIMEOUT));
    Optional<String> source = read(problems, () -> text(config, "source", 255));
    Optional<String> group = read(problems, () -> text(config, "group", 255));
    String critical = read(problems, () -> severity(config, "severity-critical", "critical"));
    String warning = read(problems, () -> severity(config, "severity-warning", "warning"));
    Optional<String> linkText = read(problems, () -> text(config, "link-text", 200));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Supplier<String> sourceName = source.isPresent() ? source::get : new HostName();
    PagerDutyEvent event = new PagerDutyEvent(routingKey, sourceName, group, critical, warning,
        linkText.orElse(DEFAULT_LINK_TEXT));
    List<String> secrets = new ArrayList<>(endpoint.secrets());
    secrets.add(routingKey);
    String who = "pagerduty notifier '" + config.name() + "'";
    Delivery delivery = new Delivery(who, endpoint, timeout, new Scrubber(secrets), "vitals-notifier-pagerduty");
    return new PostingNotifier(config.name(),
        "PagerDutyNotifier[" + config.name() + ", " + endpoint.masked() + ", routing-key ****]", event::json, delivery);
  }


  private static String severity(Config config, String key, String defaultValue) {
    Optional<String> v = config.get(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    String s = v.get().toLowerCase(Locale.ROOT);
    if (!PagerDutyEvent.SEVERITIES.contains(s)) {
      throw new ConfigException(config.fullKey(key), v.get(), "one of critical, error, warning, info");
    }
    return s;
  }



  /**
   * This machine's name, found once, when first needed: {@code HOSTNAME} when the environment has it
   * (containers and most shells), the JDK's local host name otherwise, {@code localhost} if even that
   * fails. Thread-safe.
   */
  static final class HostName implements Supplier<String> {
    private volatile String name;

    @Override
    public String get() {
      String n = name;
      if (n == null) {
        n = find();
        name = n;
      }
      return n;
    }

    private static String find() {
      String env = System.getenv("HOSTNAME");
      if (env != null && !env.isBlank()) {
        return env.trim();
      }
      try {
        return InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
  }
}
