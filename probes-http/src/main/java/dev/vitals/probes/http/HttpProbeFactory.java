package dev.vitals.probes.http;

import dev.vitals.api.Probe;
import dev.vitals.api.Redaction;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds {@link HttpProbe}s from configuration ({@code vitals.probes.<name>.type = http}).
 *
 * <p>Keys under {@code vitals.probes.<name>.}: {@code url} (required), {@code method},
 * {@code headers.<Header-Name>} (one key per header; values are never shown), {@code expected-status},
 * {@code body-contains}, {@code body-regex}, {@code json-pointer}, {@code json-equals} (needs
 * {@code json-pointer}), {@code follow-redirects}, {@code max-redirects}, {@code allowed-hosts},
 * {@code cert-expiry-days}, {@code trust-store} (a PKCS12 file) and {@code trust-store-password}; the
 * common {@code timeout} is the probe's timeout. Every bad key is reported at once, in one
 * {@link ConfigException}. The trust store is read here, so a wrong path or password fails at
 * start-up; nothing is sent over the network before the first check.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpProbeFactory implements ProbeFactory {

  /** The prefix of header keys: {@code headers.Authorization = Bearer ${TOKEN}}. */
  public static final String HEADERS_PREFIX = "headers.";

  private static final Set<String> KEYS = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(
      "url", "method", "headers", "expected-status", "body-contains", "body-regex", "json-pointer",
      "json-equals", "follow-redirects", "max-redirects", "allowed-hosts", "cert-expiry-days",
      "trust-store", "trust-store-password")));

  /** A factory; ServiceLoader calls this. */
  public HttpProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code http}
   */
  @Override
  public String type() {
    return HttpProbe.TYPE;
  }

  /**
   * The keys of type {@code http}. {@code headers} stands for the open-ended family
   * {@code headers.<Header-Name>}: the monitor must accept any key that starts with
   * {@value #HEADERS_PREFIX}.
   *
   * @return the keys, in documentation order
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * Builds a probe from its settings.
   *
   * @param config the probe's settings
   * @return an {@link HttpProbe}; no connection is opened
   * @throws ConfigException listing every bad or missing key, with what is allowed
   */
  @Override
  public Probe create(ProbeConfig config) {
    List<String> problems = new ArrayList<>();
    HttpProbe.Builder b = HttpProbe.builder(config.name());
    if (config.get("url").isEmpty()) {
      problems.add(ConfigException.describe(config.fullKey("url"), null, HttpProbe.URL_FORM));
    }
    set(config, problems, "url", b::url);
    set(config, problems, "method", b::method);
    for (String key : config.keys()) {
      if (key.equals("headers")) {
        problems.add(ConfigException.describe(config.fullKey(key), Redaction.MASK,
            "one key per header, such as " + config.fullKey("headers.Authorization")));
      } else if (key.startsWith(HEADERS_PREFIX)) {
        String header = key.substring(HEADERS_PREFIX.length());
        Optional<String> value = config.get(key);
        if (value.isEmpty()) {
          problems.add(ConfigException.describe(config.fullKey(key), null, "a header value"));
        } else {
          guard(config, problems, () -> b.header(header, value.get()));
        }
      }
    }
    set(config, problems, "expected-status", b::expectedStatus);
    set(config, problems, "body-contains", b::bodyContains);
    set(config, problems, "body-regex", b::bodyRegex);
    Optional<String> pointer = config.get("json-pointer");
    Optional<String> equals = config.get("json-equals");
    if (pointer.isPresent()) {
      guard(config, problems, () -> {
        if (equals.isPresent()) {
          b.jsonPointerEquals(pointer.get(), equals.get());
        } else {
          b.jsonPointer(pointer.get());
        }
      });
    } else if (equals.isPresent()) {
      problems.add(ConfigException.describe(config.fullKey("json-equals"), equals.get(),
          "no json-equals without " + config.fullKey("json-pointer") + " (the value it is compared with)"));
    }
    guard(config, problems, () -> b.followRedirects(config.bool("follow-redirects", false)));
    guard(config, problems, () -> {
      if (config.get("max-redirects").isPresent()) {
        b.maxRedirects(config.integer("max-redirects", HttpProbe.DEFAULT_MAX_REDIRECTS, 1, HttpProbe.MAX_REDIRECTS_LIMIT));
      }
    });
    set(config, problems, "allowed-hosts", v -> b.allowedHosts(
        Arrays.stream(v.split(",", -1)).map(String::trim).collect(Collectors.toList())));
    guard(config, problems, () -> {
      if (config.get("cert-expiry-days").isPresent()) {
        b.certificateExpiryDays(config.integer("cert-expiry-days", HttpProbe.DEFAULT_CERT_EXPIRY_DAYS, 0, 3650));
      }
    });
    Optional<String> store = config.get("trust-store");
    Optional<String> password = config.get("trust-store-password");
    if (store.isPresent()) {
      guard(config, problems, () -> b.sslContext(trustStore(store.get(), password.orElse(null))));
    } else if (password.isPresent()) {
      problems.add(ConfigException.describe(config.fullKey("trust-store-password"), Redaction.MASK,
          "no password without " + config.fullKey("trust-store")));
    }
    b.timeout(config.timeout());
    HttpProbe[] built = new HttpProbe[1];
    if (problems.isEmpty()) {
      guard(config, problems, () -> built[0] = b.build());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return built[0];
  }

  private static void set(ProbeConfig config, List<String> problems, String key, Consumer<String> setter) {
    config.get(key).ifPresent(v -> guard(config, problems, () -> setter.accept(v)));
  }

  private static void guard(ProbeConfig config, List<String> problems, Runnable action) {
    try {
      action.run();
    } catch (BadValue e) {
      problems.add(e.describe(config.fullKey(e.key)));
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  /**
   * An SSL context that trusts the certificates of a PKCS12 trust store.
   *
   * @param path the file
   * @param password its password, or null
   * @return an initialized context
   * @throws BadValue naming {@code trust-store} or {@code trust-store-password}
   */
  static SSLContext trustStore(String path, String password) {
    KeyStore ks;
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password == null ? null : password.toCharArray());
    } catch (NoSuchFileException e) {
      throw new BadValue("trust-store", path, "a PKCS12 trust store file (it does not exist)");
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException
          || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("password")) {
        throw new BadValue("trust-store-password", Redaction.MASK, "the password of " + path);
      }
      throw new BadValue("trust-store", path, "a readable PKCS12 trust store (" + e.getMessage() + ")");
    } catch (GeneralSecurityException | java.nio.file.InvalidPathException e) {
      throw new BadValue("trust-store", path, "a readable PKCS12 trust store (" + e.getMessage() + ")");
    }
    try {
      if (!hasCertificate(ks)) {
        throw new BadValue("trust-store", path, "a PKCS12 trust store with at least one trusted certificate"
            + (password == null ? " (certificates in a PKCS12 file are often encrypted: set trust-store-password)" : ""));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new BadValue("trust-store", path, "a usable PKCS12 trust store (" + e.getMessage() + ")");
    }
  }

  private static boolean hasCertificate(KeyStore ks) throws GeneralSecurityException {
    for (String alias : Collections.list(ks.aliases())) {
      if (ks.isCertificateEntry(alias)) {
        return true;
      }
    }
    return false;
  }
}
