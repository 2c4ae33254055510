package dev.vitals.probes.net;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds DNS probes from configuration ({@code vitals.probes.<name>.type = dns}). Keys: {@code name}
 * (required), {@code record} ({@code A} (default), {@code AAAA}, {@code CNAME}, {@code SRV}), {@code expect}
 * (comma-separated expected values: addresses, names, or for SRV {@code target} or {@code target:port}) and
 * {@code server} ({@code host[:port]}, port 53 by default; the system resolver when absent). The module's
 * README describes the lookup, its details and its messages.
 *
 * <p>Every bad value is reported at once in one {@link ConfigException}; nothing is looked up here.
 * Stateless and thread-safe.
 */
public final class DnsProbeFactory implements ProbeFactory {

  private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}"
      + "(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
  private static final Pattern SERVER = Pattern.compile("\\[([0-9A-Fa-f:.]+)\\](?::([0-9]+))?|([A-Za-z0-9._-]+)(?::([0-9]+))?"
      + "|([0-9A-Fa-f]*:[0-9A-Fa-f:.]*)");

  private static final Pattern QUERY = Pattern.compile("(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)*"
      + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?");

  /** A factory; ServiceLoader calls this. */
  public DnsProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code dns}
   */
  @Override
  public String type() {
    return DnsProbe.TYPE;
  }

  /**
   * The keys of type {@code dns}.
   *
   * @return {@code name}, {@code record}, {@code expect}, {@code server}
   */
  @Override
  public Set<String> keys() {
    return Set.of("name", "record", "expect", "server");
  }

  /**
   * Builds a probe from its settings.
   *
   * @param config the probe's settings
   * @return a probe of type {@code dns}; nothing is looked up
   * @throws ConfigException listing every bad or missing setting, each with its full key, the value and what
   *     is allowed
   */
  @Override
  public Probe create(ProbeConfig config) {
    List<String> problems = new ArrayList<>();
    String query = config.get("name").orElse(null);
    if (query == null) {
      problems.add(ConfigException.describe(config.fullKey("name"), null, "the domain name to look up"));
    } else if (query.length() > 254 || !QUERY.matcher(query).matches()) {
      problems.add(ConfigException.describe(config.fullKey("name"), query,
          "a domain name: labels of letters, digits and hyphens separated by dots (SRV labels may start with _,"
              + " as in _sip._tcp.example.com)"));
    }
    DnsProbe.Record record = DnsProbe.Record.A;
    Optional<String> recordValue = config.get("record");
    if (recordValue.isPresent()) {
      try {
        record = DnsProbe.Record.valueOf(recordValue.get().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(ConfigException.describe(config.fullKey("record"), recordValue.get(), "A, AAAA, CNAME or SRV"));
      }
    }
    List<String> expect = new ArrayList<>();
    Optional<String> expectValue = config.get("expect");
    if (expectValue.isPresent()) {
      for (String raw : expectValue.get().split(",")) {
        String v = raw.trim();
        if (v.isEmpty() || !expected(record, v)) {
          problems.add(ConfigException.describe(config.fullKey("expect"), expectValue.get(), expectForm(record)));
          expect.clear();
          break;
        }
        expect.add(v);
      }
    }
    String serverHost = null;
    int serverPort = 53;
    Optional<String> serverValue = config.get("server");
    if (serverValue.isPresent()) {
      Matcher m = SERVER.matcher(serverValue.get());
      String allowed = "host or host:port of a DNS server (port 1 to 65535, 53 by default); an IPv6 address as"
          + " [2001:db8::1]:53";
      if (!m.matches()) {
        problems.add(ConfigException.describe(config.fullKey("server"), serverValue.get(), allowed));
      } else {
        serverHost = m.group(1) != null ? m.group(1) : m.group(3) != null ? m.group(3) : m.group(5);
        String port = m.group(2) != null ? m.group(2) : m.group(4);
        if (port != null) {
          try {
            serverPort = Integer.parseInt(port);
          } catch (NumberFormatException e) {
            serverPort = -1;
          }
          if (serverPort < 1 || serverPort > 65535) {
            problems.add(ConfigException.describe(config.fullKey("server"), serverValue.get(), allowed));
          }
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new DnsProbe(config.name(), query, record, expect, serverHost, serverPort, config.timeout());
  }

  private static boolean expected(DnsProbe.Record record, String v) {
    switch (record) {
      case A:
        return IPV4.matcher(v).matches();
      case AAAA:
        return IPV6.matcher(v).matches() && DnsProbe.normalize(record, v).contains(":");
      case SRV: {
        int colon = v.lastIndexOf(':');
        if (colon >= 0) {
          String port = v.substring(colon + 1);
          if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return false;
          }
          v = v.substring(0, colon);
        }
        return hostName(v);
      }
      default:
        return hostName(v);
    }
  }

  private static boolean hostName(String v) {
    String n = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
    return !n.isEmpty() && n.length() <= 253 && LocalName.DOMAIN.matcher(n).matches();
  }

  private static String expectForm(DnsProbe.Record record) {
    switch (record) {
      case A:
        return "comma-separated IPv4 addresses such as 192.0.2.10, 192.0.2.11";
      case AAAA:
        return "comma-separated IPv6 addresses such as 2001:db8::10";
      case SRV:
        return "comma-separated targets, each a host name with an optional :port (sip1.example.com:5060)";
      default:
        return "comma-separated host names such as lb.example.net";
    }
  }
}
