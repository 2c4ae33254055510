package dev.vitals.probes.net;

import dev.vitals.api.Clock;
import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Builds SMTP probes from configuration ({@code vitals.probes.<name>.type = smtp}). Keys: {@code host}
 * (required), {@code port} (25; 465 means {@code tls = implicit}), {@code tls} ({@code plain} or
 * {@code implicit}), {@code starttls} ({@code required}, {@code optional} (default) or {@code off}),
 * {@code helo-name} (the local host name), {@code certificate-expiry-degraded} (14d) and
 * {@code trust-certificates} (a PEM file; the JVM's trust store by default). The module's README describes
 * the check, its details and its messages.
 *
 * <p>Every bad value is reported at once in one {@link ConfigException}. The trust file is read here, so a
 * wrong path fails configuration; nothing is connected. Stateless and thread-safe.
 */
public final class SmtpProbeFactory implements ProbeFactory {

  /** The default of {@code certificate-expiry-degraded}. */
  static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(14);

  /** A factory; ServiceLoader calls this. */
  public SmtpProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code smtp}
   */
  @Override
  public String type() {
    return SmtpProbe.TYPE;
  }

  /**
   * The keys of type {@code smtp}.
   *
   * @return {@code host}, {@code port}, {@code tls}, {@code starttls}, {@code helo-name},
   *     {@code certificate-expiry-degraded}, {@code trust-certificates}
   */
  @Override
  public Set<String> keys() {
    return Set.of("host", "port", "tls", "starttls", "helo-name", "certificate-expiry-degraded", "trust-certificates");
  }

  /**
   * Builds a probe from its settings.
   *
   * @param config the probe's settings
   * @return a probe of type {@code smtp}; nothing is connected
   * @throws ConfigException listing every bad or missing setting, each with its full key, the value and what
   *     is allowed
   */
  @Override
  public Probe create(ProbeConfig config) {
    List<String> problems = new ArrayList<>();
    String host = config.get("host").orElse(null);
    if (host == null) {
      problems.add(ConfigException.describe(config.fullKey("host"), null, "a host name or IP address"));
    } else {
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      if (!host.matches("[A-Za-z0-9._:%-]+")) {
        problems.add(ConfigException.describe(config.fullKey("host"), config.get("host").get(),
            "a host name or IP address (no scheme, port or spaces: the port is the key port)"));
      }
    }
    int port = 25;
    try {
      port = config.integer("port", 25, 1, 65535);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    boolean implicit = port == 465;
    Optional<String> tlsValue = config.get("tls");
    if (tlsValue.isPresent()) {
      String v = tlsValue.get().toLowerCase(Locale.ROOT);
      if (v.equals("implicit") || v.equals("plain")) {
        implicit = v.equals("implicit");
      } else {
        problems.add(ConfigException.describe(config.fullKey("tls"), tlsValue.get(),
            "implicit (TLS from the first byte, as on port 465) or plain (SMTP in clear, upgraded with STARTTLS"
                + " as starttls says); default implicit on port 465, plain otherwise"));
      }
    }
    SmtpProbe.StartTls startTls = SmtpProbe.StartTls.OPTIONAL;
    Optional<String> startValue = config.get("starttls");
    if (startValue.isPresent()) {
      try {
        startTls = SmtpProbe.StartTls.valueOf(startValue.get().toUpperCase(Locale.ROOT));
        if (implicit) {
          problems.add(ConfigException.describe(config.fullKey("starttls"), startValue.get(),
              "no starttls with implicit TLS (tls = implicit, or port 465): the connection is encrypted from the"
                  + " first byte; remove the key"));
        }
      } catch (IllegalArgumentException e) {
        problems.add(ConfigException.describe(config.fullKey("starttls"), startValue.get(),
            "required (DOWN unless the server offers STARTTLS and the upgrade succeeds), optional (upgrade when"
                + " offered; the default) or off (never upgrade)"));
      }
    }
    String helo = config.get("helo-name").orElse(null);
    if (helo != null && (helo.length() > 253
        || !(LocalName.DOMAIN.matcher(helo).matches() || LocalName.ADDRESS_LITERAL.matcher(helo).matches()))) {
      problems.add(ConfigException.describe(config.fullKey("helo-name"), helo,
          "a domain name (letters, digits, hyphens and dots) or an address literal such as [192.0.2.1]"));
    }
    Duration warning = DEFAULT_EXPIRY_WARNING;
    try {
      warning = config.duration("certificate-expiry-degraded", DEFAULT_EXPIRY_WARNING);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    Tls tls = null;
    Optional<String> trust = config.get("trust-certificates");
    if (trust.isPresent()) {
      try {
        tls = Tls.pem(Path.of(trust.get()));
      } catch (InvalidPathException e) {
        problems.add(ConfigException.describe(config.fullKey("trust-certificates"), trust.get(),
            "a path to a PEM file of trusted certificates"));
      } catch (IllegalArgumentException e) {
        problems.add(ConfigException.describe(config.fullKey("trust-certificates"), trust.get(), e.getMessage()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new SmtpProbe(config.name(), host, port, implicit, startTls, helo, warning,
        tls != null ? tls : Tls.jvmDefault(), config.timeout(), Clock.system());
  }
}
