package dev.vitals.probes.grpc;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of one gRPC probe, read and checked from its configuration: every bad value is reported at
 * once in one {@link ConfigException} naming the full key. Immutable.
 */
final class GrpcTarget {

  static final String URL_FORM = "host:port, grpc://host:port or grpcs://host:port (TLS), with a port from 1 to 65535"
      + " and nothing else (no path, query or user-info)";
  static final String AUTHORITY_FORM = "a host name or host:port without spaces, '/' or '@'";

  final String host;
  final int port;
  final boolean tls;
  final String service;
  /** The :authority (and TLS server name) to use instead of host:port; null for the default. */
  final String authority;
  /** Where the trusted certificates came from, for details; null for the JVM's trust store. */
  final String trustSource;
  final ChannelCredentials credentials;

  private GrpcTarget(String host, int port, boolean tls, String service, String authority, String trustSource,
      ChannelCredentials credentials) {
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.service = service;
    this.authority = authority;
    this.trustSource = trustSource;
    this.credentials = credentials;
  }

  /** host:port as written in messages, brackets around an IPv6 literal. */
  String address() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /**
   * Reads and checks the probe's keys.
   *
   * @throws ConfigException listing every bad setting
   */
  static GrpcTarget from(ProbeConfig config) {
    List<String> problems = new ArrayList<>();
    Optional<String> rawUrl = config.get("url");
    String host = null;
    int port = -1;
    Boolean schemeTls = null;
    if (rawUrl.isEmpty()) {
      problems.add(ConfigException.describe(config.fullKey("url"), null, URL_FORM));
    } else {
      String url = rawUrl.get();
      String lower = url.toLowerCase(Locale.ROOT);
      String rest = url;
      if (lower.startsWith("grpc://")) {
        schemeTls = false;
        rest = url.substring("grpc://".length());
      } else if (lower.startsWith("grpcs://")) {
        schemeTls = true;
        rest = url.substring("grpcs://".length());
      }
      try {
        URI u = new URI("x://" + rest);
        boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
            && u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null;
        if (rest.contains("://") || u.getHost() == null || u.getPort() < 1 || u.getPort() > 65535 || !bare) {
          problems.add(ConfigException.describe(config.fullKey("url"), url, URL_FORM));
        } else {
          host = u.getHost();
          if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
          }
          port = u.getPort();
        }
      } catch (URISyntaxException e) {
        problems.add(ConfigException.describe(config.fullKey("url"), url, URL_FORM));
      }
    }

    boolean tls = false;
    try {
      tls = config.bool("tls", schemeTls != null && schemeTls);
      if (schemeTls != null && config.get("tls").isPresent() && tls != schemeTls) {
        problems.add(ConfigException.describe(config.fullKey("tls"), config.get("tls").get(),
            schemeTls ? "true or nothing: the url is grpcs:// (TLS)" : "false or nothing: the url is grpc:// (plain text); "
                + "write grpcs:// or host:port for TLS"));
      }
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }

    String service = config.string("service", "");
    if (service.length() > 1024 || service.chars().anyMatch(Character::isISOControl)) {
      problems.add(ConfigException.describe(config.fullKey("service"), service,
          "a service name of at most 1024 printable characters, or nothing for the server as a whole"));
    }

    String authority = config.get("authority").orElse(null);
    if (authority != null && (authority.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/' || c == '@'))) {
      problems.add(ConfigException.describe(config.fullKey("authority"), authority, AUTHORITY_FORM));
    }

    ChannelCredentials credentials = InsecureChannelCredentials.create();
    String trustSource = null;
    Optional<String> trust = config.get("trust-certificates");
    if (trust.isPresent() && !tls) {
      problems.add(ConfigException.describe(config.fullKey("trust-certificates"), trust.get(),
          "nothing for a plain-text target: set tls = true or write grpcs:// in the url to use TLS"));
    } else if (tls) {
      if (trust.isPresent()) {
        try {
          byte[] pem = readCertificates(trust.get());
          credentials = TlsChannelCredentials.newBuilder().trustManager(new ByteArrayInputStream(pem)).build();
          trustSource = trust.get();
        } catch (IllegalArgumentException | IOException e) {
          problems.add(ConfigException.describe(config.fullKey("trust-certificates"), trust.get(),
              "a readable PEM file of one or more X.509 certificates (" + e.getMessage() + ")"));
        }
      } else {
        credentials = TlsChannelCredentials.create();
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new GrpcTarget(host, port, tls, service, authority, trustSource, credentials);
  }

  /** The file's bytes, once they are known to hold at least one certificate. */
  private static byte[] readCertificates(String file) throws IOException {
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("not a path");
    }
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new IllegalArgumentException("no readable file there");
    }
    byte[] bytes = Files.readAllBytes(path);
    try {
      if (CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes)).isEmpty()) {
        throw new IllegalArgumentException("it holds no certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("it holds no certificate that can be read");
    }
    return bytes;
  }
}
