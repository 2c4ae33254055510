package dev.vitals.probes.net;

import java.net.InetAddress;
import java.util.regex.Pattern;

/**
 * The local host name, the default of {@code helo-name}: looked up once, at the first SMTP check that needs
 * it (never when a probe is built), and kept. Null when the JVM cannot tell it or it is not a domain name
 * SMTP accepts; the probe then greets with the address literal of its end of the connection.
 */
final class LocalName {

  /** A domain name as EHLO accepts it: labels of letters, digits and inner hyphens, separated by dots. */
  static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
      + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
  /** An address literal: {@code [192.0.2.1]} or {@code [IPv6:2001:db8::1]}. */
  static final Pattern ADDRESS_LITERAL = Pattern.compile("\\[(?:[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|IPv6:[0-9A-Fa-f:.]+)\\]");

  private static volatile boolean known;
  private static volatile String name;

  private LocalName() {}

  static String get() {
    if (!known) {
      String n;
      try {
        n = InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException | SecurityException e) {
        n = null;
      }
      name = n != null && n.length() <= 253 && DOMAIN.matcher(n).matches() ? n : null;
      known = true;
    }
    return name;
  }
}
