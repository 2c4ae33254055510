package dev.vitals.probes.kafka;

import dev.vitals.api.Redaction;
import dev.vitals.api.Secrets;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A kafka probe's settings, checked: the bootstrap servers, the optional topic and minimum of in-sync
 * replicas, the passed-through security properties, and the client limits derived from the probe's
 * timeout. Immutable; {@link #toString()} shows no property value.
 */
final class KafkaSettings {

  /** The prefix of passed-through client properties: {@code properties.security.protocol = SASL_SSL}. */
  static final String PROPERTIES_PREFIX = "properties.";
  static final String SERVERS_FORM = "a comma-separated list of host:port, such as kafka-1:9092,kafka-2:9092";
  static final String PROPERTIES_ALLOWED = "a Kafka client security setting: security.protocol, client.dns.lookup,"
      + " sasl.* or ssl.* (such as properties.security.protocol = SASL_SSL)";
  static final int MAX_MIN_ISR = Short.MAX_VALUE;

  /** A legal Kafka topic name (Kafka's own rule: at most 249 of these characters, not "." or ".."). */
  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+");

  /** Client settings the probe derives from its own settings; a user may not pass them through. */
  private static final Set<String> MANAGED = Set.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
      AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, AdminClientConfig.CLIENT_ID_CONFIG,
      AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
      AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
      AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG,
      AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, AdminClientConfig.RETRY_BACKOFF_MS_CONFIG,
      AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, AdminClientConfig.RETRIES_CONFIG,
      "sasl.login.connect.timeout.ms", "sasl.login.read.timeout.ms");

  final String name;
  /** The servers as host:port, in the configured order. */
  final List<String> servers;
  /** The topic to check, or null. */
  final String topic;
  /** The configured minimum of in-sync replicas, or null for the topic's own min.insync.replicas. */
  final Integer minIsr;
  final Duration timeout;
  /** How long one Kafka call may take: below the probe's timeout. */
  final int callMillis;
  /** Every client property: the user's and the probe's own limits. */
  final Map<String, Object> clientProperties;
  /** The values of the passed-through properties that are secret, and what the form rules find. */
  final Secrets secrets;

  private KafkaSettings(String name, List<String> servers, String topic, Integer minIsr, Duration timeout,
      Map<String, String> passed, Secrets secrets) {
    this.name = name;
    this.servers = List.copyOf(servers);
    this.topic = topic;
    this.minIsr = minIsr;
    this.timeout = timeout;
    this.callMillis = callMillis(timeout);
    this.secrets = secrets;
    Map<String, Object> props = new TreeMap<>(passed);
    props.putAll(limits(callMillis));
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", servers));
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "vitals-" + name);
    this.clientProperties = Collections.unmodifiableMap(props);
  }

  /**
   * How long one Kafka call may take: the probe's timeout less a margin of a quarter of it, at most
   * 500 ms, so the client gives up (and the probe says what was slow) before the engine does.
   */
  static int callMillis(Duration timeout) {
    long t = Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
    long margin = Math.min(t / 4, 500);
    return (int) Math.max(1, t - margin);
  }

  /** The client's own limits for calls of at most {@code call} ms. */
  static Map<String, Object> limits(int call) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, call);
    m.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, call);
    // a server that does not answer a connection attempt leaves time for the next one
    long setup = Math.max(1, call / 2);
    m.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, setup);
    m.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, setup);
    // back-offs well inside one call, so a broker that comes back is reached within the next run
    long backoffMax = Math.max(1, Math.min(1000, call / 4));
    m.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, Math.min(50L, backoffMax));
    m.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, backoffMax);
    m.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, Math.min(100L, backoffMax));
    m.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, backoffMax);
    // OAUTHBEARER fetches its token over HTTP when it logs in: within one call too
    m.put("sasl.login.connect.timeout.ms", call);
    m.put("sasl.login.read.timeout.ms", call);
    return m;
  }

  /**
   * Reads and checks a probe's settings; reports every bad key at once.
   *
   * @throws ConfigException naming each bad key, its value (masked when secret) and what is allowed
   */
  static KafkaSettings parse(ProbeConfig config) {
    List<String> problems = new ArrayList<>();
    List<String> servers = servers(config, problems);
    String topic = null;
    Optional<String> rawTopic = config.get("topic");
    if (rawTopic.isPresent()) {
      String t = rawTopic.get().trim();
      if (TOPIC.matcher(t).matches() && !t.equals(".") && !t.equals("..")) {
        topic = t;
      } else {
        problems.add(ConfigException.describe(config.fullKey("topic"), rawTopic.get(),
            "a Kafka topic name: 1 to 249 letters, digits, '.', '_' or '-', not '.' or '..'"));
      }
    }
    Integer minIsr = null;
    Optional<String> rawMinIsr = config.get("min-isr");
    if (rawMinIsr.isPresent()) {
      if (rawTopic.isEmpty()) {
        problems.add(ConfigException.describe(config.fullKey("min-isr"), rawMinIsr.get(),
            "no min-isr without " + config.fullKey("topic") + " (the topic whose in-sync replicas it counts)"));
      } else {
        try {
          minIsr = config.integer("min-isr", 1, 1, MAX_MIN_ISR);
        } catch (ConfigException e) {
          problems.addAll(e.problems());
        }
      }
    }
    Map<String, String> passed = new TreeMap<>();
    List<String> secretValues = new ArrayList<>();
    properties(config, problems, passed, secretValues);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new KafkaSettings(config.name(), servers, topic, minIsr, config.timeout(), passed,
        Secrets.of(secretValues).and(Secrets.of(config)));
  }

  private static List<String> servers(ProbeConfig config, List<String> problems) {
    String key = config.fullKey("bootstrap-servers");
    Optional<String> raw = config.get("bootstrap-servers");
    if (raw.isEmpty() || raw.get().isBlank()) {
      problems.add(ConfigException.describe(key, raw.orElse(null), SERVERS_FORM));
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String entry : raw.get().split(",", -1)) {
      String e = entry.trim();
      String why = serverProblem(e);
      if (why != null) {
        problems.add(ConfigException.describe(key, raw.get(), SERVERS_FORM + " (" + why + ")"));
        return List.of();
      }
      out.add(e);
    }
    return out;
  }

  /** What is wrong with one host:port entry, or null. */
  static String serverProblem(String e) {
    if (e.isEmpty()) {
      return "an entry is empty";
    }
    if (e.contains("://")) {
      return "'" + e + "' has a scheme: write host:port only, and the protocol as properties.security.protocol";
    }
    int colon = e.lastIndexOf(':');
    if (colon < 0) {
      return "'" + e + "' has no port";
    }
    String host = e.substring(0, colon);
    String port = e.substring(colon + 1);
    boolean v6 = host.startsWith("[") && host.endsWith("]") && host.length() > 2;
    if (!v6 && !HOST.matcher(host).matches()) {
      return "'" + e + "' has no valid host (an IPv6 address goes in brackets: [::1]:9092)";
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException ex) {
      return "'" + e + "' has no port number";
    }
    if (p < 1 || p > 65535) {
      return "'" + e + "' has port " + p + ", outside 1..65535";
    }
    return null;
  }

  private static void properties(ProbeConfig config, List<String> problems, Map<String, String> passed,
      List<String> secretValues) {
    ConfigDef def = AdminClientConfig.configDef();
    for (String key : config.keys()) {
      if (key.equals("properties")) {
        problems.add(ConfigException.describe(config.fullKey(key), Redaction.MASK,
            "one key per client property, such as " + config.fullKey("properties.security.protocol")));
        continue;
      }
      if (!key.startsWith(PROPERTIES_PREFIX)) {
        continue;
      }
      String property = key.substring(PROPERTIES_PREFIX.length());
      String value = config.get(key).orElse("");
      ConfigDef.ConfigKey known = def.configKeys().get(property);
      // a setting the probe does not pass may be a misspelt secret: its value is never shown
      boolean secret = isSecretProperty(property) || known == null || !passedThrough(property);
      String shown = secret ? Redaction.MASK : value;
      if (secret) {
        secretValues.add(value);
      }
      if (MANAGED.contains(property)) {
        problems.add(ConfigException.describe(config.fullKey(key), shown, "no " + property + ": the probe sets it from "
            + (property.startsWith("bootstrap") ? config.fullKey("bootstrap-servers")
            : property.equals(AdminClientConfig.CLIENT_ID_CONFIG) ? "the probe's name (vitals-<name>)"
            : config.fullKey("timeout") + " (every client limit stays below it)")));
        continue;
      }
      if (known == null || !passedThrough(property)) {
        problems.add(ConfigException.describe(config.fullKey(key), shown, PROPERTIES_ALLOWED
            + (known == null ? "; '" + property + "' is not a Kafka admin client setting" : "")));
        continue;
      }
      try {
        Object parsed = ConfigDef.parseType(property, value, known.type);
        if (known.validator != null) {
          known.validator.ensureValid(property, parsed);
        }
        passed.put(property, value);
      } catch (org.apache.kafka.common.config.ConfigException e) {
        problems.add(ConfigException.describe(config.fullKey(key), shown, allowed(known)));
      }
    }
    if (!passed.isEmpty() && problems.isEmpty()) {
      try {
        new AdminClientConfig(new LinkedHashMap<>(passed));
      } catch (org.apache.kafka.common.config.ConfigException e) {
        problems.add(config.fullKey("properties") + ".* are not allowed together: "
            + Secrets.of(secretValues).scrub(String.valueOf(e.getMessage())));
      }
    }
  }

  private static String allowed(ConfigDef.ConfigKey key) {
    String type = key.type.name().toLowerCase(java.util.Locale.ROOT);
    return key.validator != null ? "a " + type + ": " + Redaction.redact(key.validator.toString()) : "a " + type;
  }

  /** The security settings passed through: nothing that moves the client's limits or loads metrics code. */
  static boolean passedThrough(String property) {
    return property.equals("security.protocol") || property.equals(AdminClientConfig.CLIENT_DNS_LOOKUP_CONFIG)
        || property.startsWith("sasl.") || property.startsWith("ssl.");
  }

  /** Kafka's own secrets (type PASSWORD: sasl.jaas.config, ssl.*.password ...) and every secret-named setting. */
  static boolean isSecretProperty(String property) {
    ConfigDef.ConfigKey known = AdminClientConfig.configDef().configKeys().get(property);
    return (known != null && known.type == ConfigDef.Type.PASSWORD) || Redaction.isSecretName(property)
        || Redaction.isSecretName(property.substring(property.lastIndexOf('.') + 1));
  }

  /** The servers, for messages. */
  String serversText() {
    return String.join(",", servers);
  }

  @Override
  public String toString() {
    return "KafkaSettings[" + name + ", bootstrap-servers=" + serversText() + (topic == null ? "" : ", topic=" + topic)
        + (minIsr == null ? "" : ", min-isr=" + minIsr) + ", timeout=" + timeout + "]";
  }
}
