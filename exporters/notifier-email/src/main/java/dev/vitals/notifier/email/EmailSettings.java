package dev.vitals.notifier.email;

import dev.vitals.api.Redaction;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.NotifierConfig;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The settings of one e-mail notifier, read and checked from its {@link NotifierConfig}. Every bad key is
 * reported at once, in one {@link ConfigException}. Immutable and thread-safe.
 */
final class EmailSettings {

  static final String HOST = "host";
  static final String PORT = "port";
  static final String SSL = "ssl";
  static final String STARTTLS = "starttls";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String FROM = "from";
  static final String TO = "to";
  static final String SUMMARY_TO = "summary-to";
  static final String SUBJECT_PREFIX = "subject-prefix";
  static final String TIMEOUT = "timeout";
  static final String CA_FILE = "ca-file";

  static final Set<String> KEYS =
      Set.of(HOST, PORT, SSL, STARTTLS, USERNAME, PASSWORD, FROM, TO, SUMMARY_TO, SUBJECT_PREFIX, TIMEOUT, CA_FILE);

  static final int SUBMISSION_PORT = 587;
  static final int SMTPS_PORT = 465;
  static final String DEFAULT_SUBJECT_PREFIX = "[vitals]";
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_.\\-]*[A-Za-z0-9_])?|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\\]?");
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

  /** How STARTTLS is used on a plain connection. */
  enum StartTls {
    /** Upgrade with STARTTLS, and refuse to go on when the server does not offer it. */
    REQUIRED,
    /** Upgrade with STARTTLS when the server offers it, else go on in clear. */
    OPTIONAL,
    /** Never upgrade: the whole conversation, password included, goes in clear. */
    NONE;

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  final String name;
  final String host;
  final int port;
  final boolean ssl;
  final StartTls startTls;
  /** Null when the server needs no authentication. */
  final String username;
  /** Null exactly when {@link #username} is. */
  final String password;
  final InternetAddress from;
  final List<InternetAddress> to;
  /** The recipients of daily and weekly summaries: {@code summary-to}, else {@link #to}. */
  final List<InternetAddress> summaryTo;
  final String subjectPrefix;
  final Duration timeout;
  /** The socket factory trusting {@code ca-file}; null to use the JVM's default trust. */
  final SSLSocketFactory sslSocketFactory;
  /** Full key names, for messages that tell the user what to change. */
  final String startTlsKey;
  final String caFileKey;

  private EmailSettings(Builder b) {
    this.name = b.name;
    this.host = b.host;
    this.port = b.port;
    this.ssl = b.ssl;
    this.startTls = b.startTls;
    this.username = b.username;
    this.password = b.password;
    this.from = b.from;
    this.to = List.copyOf(b.to);
    this.summaryTo = b.summaryTo == null ? this.to : List.copyOf(b.summaryTo);
    this.subjectPrefix = b.subjectPrefix;
    this.timeout = b.timeout;
    this.sslSocketFactory = b.sslSocketFactory;
    this.startTlsKey = b.startTlsKey;
    this.caFileKey = b.caFileKey;
  }

  /** Mutable holder used while parsing only. */
  private static final class Builder {
    String name;
    String host;
    int port;
    boolean ssl;
    StartTls startTls = StartTls.REQUIRED;
    String username;
    String password;
    InternetAddress from;
    List<InternetAddress> to = List.of();
    /** Null when {@code summary-to} is not set. */
    List<InternetAddress> summaryTo;
    String subjectPrefix = DEFAULT_SUBJECT_PREFIX;
    Duration timeout = DEFAULT_TIMEOUT;
    SSLSocketFactory sslSocketFactory;
    String startTlsKey;
    String caFileKey;
  }

  /**
   * Reads and checks a notifier's settings.
   *
   * @param config the notifier's config
   * @return the settings
   * @throws ConfigException listing every key that is missing or bad
   */
  static EmailSettings of(NotifierConfig config) {
    List<String> problems = new ArrayList<>();
    Builder b = new Builder();
    b.name = config.name();
    b.startTlsKey = config.fullKey(STARTTLS);
    b.caFileKey = config.fullKey(CA_FILE);

    check(problems, () -> b.host = host(config));
    check(problems, () -> b.ssl = config.bool(SSL, false));
    check(problems, () -> b.port = config.integer(PORT, b.ssl ? SMTPS_PORT : SUBMISSION_PORT, 1, 65_535));
    check(problems, () -> b.startTls = startTls(config, b.ssl));
    check(problems, () -> credentials(config, b));
    check(problems, () -> b.from = from(config));
    check(problems, () -> b.to = to(config));
    check(problems, () -> b.summaryTo = config.get(SUMMARY_TO).isPresent() ? recipients(config, SUMMARY_TO) : null);
    check(problems, () -> b.subjectPrefix = subjectPrefix(config));
    check(problems, () -> b.timeout = timeout(config));
    check(problems, () -> b.sslSocketFactory = caFile(config));

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new EmailSettings(b);
  }

  private static void check(List<String> problems, Runnable step) {
    try {
      step.run();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  private static String host(Config config) {
    String host = config.require(HOST);
    if (!HOST_NAME.matcher(host).matches()) {
      throw new ConfigException(config.fullKey(HOST), host,
          "a host name or IP address such as smtp.example.com (no scheme, no port: the port is its own key)");
    }
    return host;
  }

  private static StartTls startTls(Config config, boolean ssl) {
    Optional<String> raw = config.get(STARTTLS);
    if (raw.isEmpty()) {
      return StartTls.REQUIRED;
    }
    StartTls mode;
    try {
      mode = StartTls.valueOf(raw.get().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(config.fullKey(STARTTLS), raw.get(), "required, optional or none");
    }
    if (ssl && mode != StartTls.REQUIRED) {
      throw new ConfigException(config.fullKey(STARTTLS), raw.get(),
          "required or no value when ssl=true (implicit TLS already encrypts the whole connection)");
    }
    return mode;
  }

  private static void credentials(Config config, Builder b) {
    Optional<String> user = config.get(USERNAME);
    Optional<String> password = config.get(PASSWORD);
    if (user.isPresent() && password.isEmpty()) {
      throw new ConfigException(config.fullKey(PASSWORD), null,
          "a value when username is set, usually ${SMTP_PASSWORD}");
    }
    if (password.isPresent() && user.isEmpty()) {
      throw new ConfigException(config.fullKey(USERNAME), null, "a value when password is set");
    }
    b.username = user.orElse(null);
    b.password = password.orElse(null);
  }

  private static InternetAddress from(Config config) {
    String raw = config.require(FROM);
    List<InternetAddress> parsed = addresses(raw);
    if (parsed == null || parsed.size() != 1) {
      throw new ConfigException(config.fullKey(FROM), raw,
          "one e-mail address such as vitals@example.com or Vitals <vitals@example.com>");
    }
    return parsed.get(0);
  }

  private static List<InternetAddress> to(Config config) {
    return recipients(config, TO);
  }

  private static List<InternetAddress> recipients(Config config, String key) {
    String raw = config.require(key);
    List<InternetAddress> parsed = addresses(raw);
    if (parsed == null || parsed.isEmpty()) {
      throw new ConfigException(config.fullKey(key), raw,
          "a comma-separated list of e-mail addresses such as ops@example.com, oncall@example.com");
    }
    return parsed;
  }

  /** Parses a comma-separated list of complete addresses, or returns null when one is not. */
  private static List<InternetAddress> addresses(String raw) {
    if (CONTROL.matcher(raw).find()) {
      return null;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parse(raw, true);
      List<InternetAddress> out = new ArrayList<>(parsed.length);
      for (InternetAddress a : parsed) {
        a.validate();
        String address = a.getAddress();
        int at = address.lastIndexOf('@');
        if (a.isGroup() || at <= 0 || at == address.length() - 1) {
          return null;
        }
        out.add(a);
      }
      return out;
    } catch (AddressException e) {
      return null;
    }
  }

  private static String subjectPrefix(Config config) {
    String prefix = config.string(SUBJECT_PREFIX, DEFAULT_SUBJECT_PREFIX);
    if (CONTROL.matcher(prefix).find()) {
      throw new ConfigException(config.fullKey(SUBJECT_PREFIX), prefix, "one line of text without control characters");
    }
    return prefix;
  }

  private static Duration timeout(Config config) {
    String allowed = "a " + Config.DURATION_FORM + ", from 1ms to " + Config.formatDuration(MAX_TIMEOUT);
    Optional<String> raw = config.get(TIMEOUT);
    if (raw.isEmpty()) {
      return DEFAULT_TIMEOUT;
    }
    Duration d = Config.parseDuration(raw.get());
    if (d == null || d.compareTo(Duration.ofMillis(1)) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
      throw new ConfigException(config.fullKey(TIMEOUT), raw.get(), allowed);
    }
    return d;
  }

  private static SSLSocketFactory caFile(Config config) {
    Optional<String> raw = config.get(CA_FILE);
    if (raw.isEmpty()) {
      return null;
    }
    String allowed = "the path of a readable PEM file of X.509 certificates to trust";
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(Path.of(raw.get()))) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (IOException | InvalidPathException | GeneralSecurityException e) {
      throw new ConfigException(config.fullKey(CA_FILE), raw.get(), allowed + " (" + e.getClass().getSimpleName()
          + ": " + e.getMessage() + ")");
    }
    if (certificates.isEmpty()) {
      throw new ConfigException(config.fullKey(CA_FILE), raw.get(), allowed + " (it holds none)");
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        trusted.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context.getSocketFactory();
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(config.fullKey(CA_FILE), raw.get(), allowed + " (" + e.getMessage() + ")");
    }
  }

  /** The domain of the sender's address, for Message-IDs. */
  String senderDomain() {
    String address = from.getAddress();
    String domain = address.substring(address.lastIndexOf('@') + 1);
    return domain.matches("[A-Za-z0-9.\\-]+") ? domain.toLowerCase(Locale.ROOT) : "vitals.invalid";
  }

  @Override
  public String toString() {
    return "EmailSettings{" + name + ", " + host + ':' + port + (ssl ? ", ssl" : ", starttls=" + startTls.id())
        + (username == null ? "" : ", username=" + username + ", password=" + Redaction.MASK)
        + ", from=" + from.getAddress() + ", to=" + to.size() + " recipient(s)"
        + (summaryTo == to ? "" : ", summary-to=" + summaryTo.size() + " recipient(s)") + ", timeout="
        + Config.formatDuration(timeout) + (sslSocketFactory == null ? "" : ", ca-file") + '}';
  }
}
