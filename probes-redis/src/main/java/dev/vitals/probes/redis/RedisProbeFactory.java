package dev.vitals.probes.redis;

import dev.vitals.api.Probe;
import dev.vitals.api.Redaction;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds {@link RedisProbe}s from configuration: {@code vitals.probes.<name>.type = redis}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code url}</td><td>required</td><td>{@code redis[s]://[[user]:password@]host[:port][/database]}</td></tr>
 *   <tr><td>{@code username}</td><td>from the URL, else {@code default}</td><td>ACL user</td></tr>
 *   <tr><td>{@code password}</td><td>from the URL, else none</td><td>password, such as {@code ${REDIS_PASSWORD}}</td></tr>
 *   <tr><td>{@code memory-degraded-share}</td><td>{@code 0.9}</td><td>DEGRADED above this share of maxmemory</td></tr>
 *   <tr><td>{@code replica-link-down}</td><td>{@code degraded}</td><td>status of a replica cut from its master: degraded or down</td></tr>
 *   <tr><td>{@code truststore}</td><td>the JVM's</td><td>PKCS12 or JKS file of CAs to trust, for {@code rediss://}</td></tr>
 *   <tr><td>{@code truststore-password}</td><td>none</td><td>its password</td></tr>
 * </table>
 *
 * <p>The probe timeout ({@code timeout}) also sets the connection's connect and socket timeouts.
 * Creating a probe does no network I/O (a trust store file is read). Needs Jedis on the class path.
 * Stateless and thread-safe.
 */
public final class RedisProbeFactory implements ProbeFactory {

  private static final Set<String> KEYS = Set.of("url", "username", "password", "memory-degraded-share",
      "replica-link-down", "truststore", "truststore-password");

  /** For {@link java.util.ServiceLoader}. */
  public RedisProbeFactory() {
    // nothing to set up
  }

  @Override
  public String type() {
    return RedisProbe.TYPE;
  }

  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * Builds a probe from its settings.
   *
   * @param config the probe's settings, not null
   * @return a new probe named {@code config.name()}; nothing is connected yet
   * @throws ConfigException naming the key, the value (secrets masked) and what is allowed, or
   *     naming {@code type} when Jedis is missing from the class path
   */
  @Override
  public Probe create(ProbeConfig config) {
    if (!RedisProbe.jedisPresent()) {
      throw new ConfigException(config.fullKey("type"), config.type(),
          "a type whose client is on the class path: configured redis probes need Jedis (redis.clients:jedis);"
              + " with Lettuce only, register LettuceProbes.of(name, connection) in code");
    }
    String urlKey = config.fullKey("url");
    RedisUri uri = RedisUri.parse(config.require("url"), urlKey);
    RedisProbe.Builder builder = RedisProbe.builder(config.name()).uri(config.require("url"))
        .timeout(config.timeout());

    Optional<String> username = config.get("username");
    if (username.isPresent()) {
      if (uri.user != null) {
        throw new ConfigException(config.fullKey("username"), username.get(),
            "no username when " + urlKey + " names a user already");
      }
      builder.username(username.get());
    }
    Optional<String> password = config.get("password");
    if (password.isPresent()) {
      if (uri.password != null) {
        throw new ConfigException(config.fullKey("password"), password.get(),
            "no password when " + urlKey + " carries one already");
      }
      builder.password(password.get());
    }

    builder.memoryDegradedShare(share(config));
    builder.replicaLinkDown(replicaLinkDown(config));

    Optional<String> truststore = config.get("truststore");
    if (truststore.isPresent()) {
      if (!uri.tls) {
        throw new ConfigException(config.fullKey("truststore"), truststore.get(),
            "a trust store only with a rediss:// url (" + urlKey + " is " + uri + ")");
      }
      builder.sslContext(trusting(config, truststore.get()));
    } else if (config.get("truststore-password").isPresent()) {
      throw new ConfigException(config.fullKey("truststore-password"), Redaction.MASK,
          "no truststore-password without " + config.fullKey("truststore"));
    }
    return builder.build();
  }

  private static double share(ProbeConfig config) {
    String key = "memory-degraded-share";
    Optional<String> raw = config.get(key);
    if (raw.isEmpty()) {
      return RedisProbe.DEFAULT_MEMORY_DEGRADED_SHARE;
    }
    try {
      double v = Double.parseDouble(raw.get());
      if (v > 0 && v <= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(config.fullKey(key), raw.get(),
        "a share of maxmemory above 0 and at most 1, such as 0.9");
  }

  private static Status replicaLinkDown(ProbeConfig config) {
    String key = "replica-link-down";
    Optional<String> raw = config.get(key);
    if (raw.isEmpty()) {
      return Status.DEGRADED;
    }
    switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "degraded":
        return Status.DEGRADED;
      case "down":
        return Status.DOWN;
      default:
        throw new ConfigException(config.fullKey(key), raw.get(), "degraded or down");
    }
  }

  private static SSLContext trusting(ProbeConfig config, String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(config.fullKey("truststore"), file, "a readable PKCS12 or JKS file");
    }
    char[] pass = config.get("truststore-password").map(String::toCharArray).orElse(null);
    KeyStore store;
    try {
      store = KeyStore.getInstance(path.toFile(), pass);
    } catch (IOException e) {
      if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
        throw new ConfigException(config.fullKey("truststore-password"), Redaction.MASK,
            "the password of " + file);
      }
      throw new ConfigException(config.fullKey("truststore"), file,
          "a readable PKCS12 or JKS file (" + e.getMessage() + ")");
    } catch (GeneralSecurityException e) {
      throw new ConfigException(config.fullKey("truststore"), file,
          "a PKCS12 or JKS file (" + e.getMessage() + ")");
    }
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new ConfigException(config.fullKey("truststore"), file,
          "a trust store with at least one certificate (" + e.getMessage() + ")");
    }
  }
}
