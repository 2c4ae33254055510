package dev.vitals.notifier.slack;

import static dev.vitals.notifier.http.internal.Settings.read;
import static dev.vitals.notifier.http.internal.Settings.text;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds notifiers that post alerts to a Slack incoming webhook
 * ({@code vitals.notifiers.<name>.type = slack}).
 *
 * <p>Keys under {@code vitals.notifiers.<name>.}:
 * <ul>
 *   <li>{@code url} (required): the incoming webhook URL, {@code https://hooks.slack.com/services/...}.
 *       It holds a secret token: it is never shown, in messages, exceptions or {@code toString()},
 *       beyond its scheme and host. Only {@code https} is accepted, except {@code http} to
 *       {@code 127.0.0.1} or {@code localhost}, for tests;</li>
 *   <li>{@code channel}, {@code username}, {@code icon-emoji} (optional): overrides that Slack honours
 *       for legacy webhooks only (a Slack app's webhook always posts to its own channel, as itself);</li>
 *   <li>{@code link-text} (default {@value #DEFAULT_LINK_TEXT}): the text of the link to the
 *       alert's {@link dev.vitals.api.Alert#link() link}, when it has one;</li>
 *   <li>{@code timeout} (default 5s, at most 1m): the bound of one delivery attempt, covering connect,
 *       TLS handshake, request, response headers and body.</li>
 * </ul>
 * Every bad key is reported at once, in one {@link ConfigException}. Nothing is sent over the network
 * and no thread is started before the first alert.
 *
 * <p><b>Routing.</b> Slack is for real-time alerts: by default a {@code slack} notifier receives every
 * alert, critical and warning ({@link #defaultRouting()}). The monitor's keys {@code severities}
 * ({@code critical}, {@code warning}, {@code all}, {@code none}), {@code rules} and {@code subjects}
 * narrow that for one notifier.
 *
 * <p>Stateless and thread-safe; ServiceLoader creates it with the public no-argument constructor.
 */
public final class SlackNotifierFactory implements NotifierFactory {

  /** The type name in configuration. */
  public static final String TYPE = "slack";
  /** The timeout of one delivery attempt when none is configured: 5 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The longest timeout that may be configured: 1 minute. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);
  /** The text of the link to the status page when none is configured. */
  public static final String DEFAULT_LINK_TEXT = "Open status page";

  /** What the {@code url} key allows, for error messages. */
  static final String URL_FORM = "an https:// URL with a host and without user-info, such as "
      + "https://hooks.slack.com/services/T000/B000/XXXX (http:// only to 127.0.0.1 or localhost, for tests)";

  private static final Set<String> KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
      "url", "channel", "username", "icon-emoji", "link-text", "timeout")));
  private static final Pattern EMOJI = Pattern.compile(":[a-z0-9_+'\\-]+:");

  /** A factory; ServiceLoader calls this. */
  public SlackNotifierFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code slack}
   */
  @Override
  public String type() {
    return TYPE;
  }

  /**
   * The keys of type {@code slack}.
   *
   * @return {@code url}, {@code channel}, {@code username}, {@code icon-emoji}, {@code link-text},
   *     {@code timeout}
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * Slack is for real-time alerts: every severity, rule and subject.
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
   * @throws ConfigException listing every missing or bad key, with what is allowed
   */
  @Override
  public Notifier create(NotifierConfig config) {
    List<String> problems = new ArrayList<>();
    Endpoint endpoint = read(problems, () -> Endpoint.parse(config, "url", PlainHttp.LOOPBACK_ONLY, URL_FORM));
    Duration timeout = read(problems, () -> Settings.timeout(config, DEFAULT_TIMEOUT, MAX_TIMEOUT));
    Optional<String> channel = read(problems, () -> text(config, "channel", 80));
    Optional<String> username = read(problems, () -> text(config, "username", 80));
    Optional<String> icon = read(problems, () -> {
      Optional<String> v = config.get("icon-emoji");
      if (v.isPresent() && !EMOJI.matcher(v.get()).matches()) {
        throw new ConfigException(config.fullKey("icon-emoji"), v.get(), "an emoji code such as :bell:");
      }
      return v;
    });
    Optional<String> linkText = read(problems, () -> text(config, "link-text", 200));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    SlackMessage message = new SlackMessage(channel, username, icon, linkText.orElse(DEFAULT_LINK_TEXT));
    String who = "slack notifier '" + config.name() + "'";
    Delivery delivery = new Delivery(who, endpoint, timeout, new Scrubber(endpoint.secrets()), "vitals-notifier-slack");
    return new PostingNotifier(config.name(), "SlackNotifier[" + config.name() + ", " + endpoint.masked() + "]",
        message::json, delivery);
  }




}
