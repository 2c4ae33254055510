package dev.vitals.probes.net;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.Config;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.naming.CommunicationException;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.ServiceUnavailableException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * A probe of type {@code dns}: one lookup of an A, AAAA, CNAME or SRV record, compared with the expected
 * values when {@code expect} is set. With {@code server} the query goes to that server through the JDK's
 * JNDI DNS provider ({@code com.sun.jndi.dns}, no cache), within the probe's own deadline; without it A and
 * AAAA go through the system resolver ({@link InetAddress}, with the JVM's cache and the system's timeout)
 * and CNAME and SRV through JNDI to the system's configured name servers.
 *
 * <p>Immutable and thread-safe; holds no resources between checks.
 */
final class DnsProbe implements Probe {

  static final String TYPE = "dns";

  /** The record types. */
  enum Record {
    A, AAAA, CNAME, SRV
  }

  private final String name;
  private final String query;
  private final Record record;
  private final List<String> expect;
  private final List<String> expectNormalized;
  private final String serverHost;
  private final int serverPort;
  private final Duration timeout;
  private final long deadlineNanos;
  private final ProbeDefaults defaults;

  /**
   * @param expect expected values as configured, empty for none
   * @param serverHost the server to query, or null for the system resolver
   */
  DnsProbe(String name, String query, Record record, List<String> expect, String serverHost, int serverPort,
      Duration timeout) {
    this.name = name;
    this.query = query;
    this.record = record;
    this.expect = List.copyOf(expect);
    List<String> n = new ArrayList<>();
    for (String e : expect) {
      n.add(normalize(record, e));
    }
    this.expectNormalized = List.copyOf(n);
    this.serverHost = serverHost;
    this.serverPort = serverPort;
    this.timeout = timeout;
    this.deadlineNanos = SmtpProbe.ownDeadline(timeout);
    this.defaults = ProbeDefaults.builder().timeout(timeout).build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ProbeDefaults defaults() {
    return defaults;
  }

  private String server() {
    return serverHost == null ? "the system resolver"
        : (serverHost.contains(":") ? "[" + serverHost + "]" : serverHost) + ":" + serverPort;
  }

  private String what() {
    return record + " " + query;
  }

  @Override
  public ProbeResult check() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before the check started");
    }
    long start = System.nanoTime();
    List<String> answers;
    try {
      answers = serverHost == null && (record == Record.A || record == Record.AAAA) ? system() : jndi();
    } catch (Failed e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted during the lookup of " + what() + ": " + e.getMessage());
      }
      return base(Status.DOWN, e.getMessage(), start).build();
    }
    Status status = Status.UP;
    String message;
    if (answers.isEmpty()) {
      status = Status.DOWN;
      message = "no " + record + " record for " + query + " (" + server() + " answered without one)";
    } else if (expect.isEmpty()) {
      message = what() + " resolved to " + String.join(", ", answers);
    } else {
      List<String> unexpected = new ArrayList<>();
      for (String a : answers) {
        if (!matches(a)) {
          unexpected.add(a);
        }
      }
      if (unexpected.size() == answers.size()) {
        status = Status.DOWN;
        message = what() + " resolved to " + String.join(", ", answers) + ", none of the expected "
            + String.join(", ", expect);
      } else if (!unexpected.isEmpty()) {
        status = Status.DEGRADED;
        message = what() + " resolved to unexpected " + String.join(", ", unexpected)
            + " besides expected answers (expect " + String.join(", ", expect) + ")";
      } else {
        message = what() + " resolved to " + String.join(", ", answers) + ", all expected";
      }
    }
    return base(status, message, start).detail("answers", String.join(", ", answers))
        .detail("answerCount", answers.size()).build();
  }

  private ProbeResult.Builder base(Status status, String message, long start) {
    ProbeResult.Builder b = ProbeResult.builder(status).detail("name", query).detail("record", record.name())
        .detail("server", serverHost == null ? "system" : server())
        .detail("lookupMs", (System.nanoTime() - start) / 1_000_000.0);
    if (message != null) {
      b.message(message);
    }
    return b;
  }

  private boolean matches(String answer) {
    String a = normalize(record, answer);
    for (String e : expectNormalized) {
      if (e.equals(a)) {
        return true;
      }
      if (record == Record.SRV && !e.contains(" ") && a.endsWith(" " + e)) {
        return true; // an expected target without a port matches that target on any port
      }
    }
    return false;
  }

  /**
   * An answer or expected value in the form they are compared in: addresses in Java's canonical text,
   * names in lower case without the final dot, SRV answers as {@code port target}.
   */
  static String normalize(Record record, String value) {
    String v = value.trim();
    switch (record) {
      case A:
      case AAAA:
        try {
          return InetAddress.getByName(v).getHostAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
          return v.toLowerCase(Locale.ROOT);
        }
      case SRV: {
        String[] p = v.split("\\s+");
        if (p.length == 4) { // an answer: priority weight port target
          return p[2] + " " + name(p[3]);
        }
        int colon = v.lastIndexOf(':');
        return colon < 0 ? name(v) : v.substring(colon + 1) + " " + name(v.substring(0, colon));
      }
      default:
        return name(v);
    }
  }

  private static String name(String n) {
    String l = n.toLowerCase(Locale.ROOT);
    return l.endsWith(".") && l.length() > 1 ? l.substring(0, l.length() - 1) : l;
  }

  /** A and AAAA through the system resolver: hosts file, the system's name servers, the JVM's cache. */
  private List<String> system() throws Failed {
    InetAddress[] all;
    try {
      all = InetAddress.getAllByName(query);
    } catch (UnknownHostException e) {
      throw new Failed("no such name: " + query + " (the system resolver does not resolve it)");
    }
    Set<String> answers = new LinkedHashSet<>();
    for (InetAddress a : all) {
      if (record == Record.A ? a instanceof Inet4Address : a instanceof Inet6Address) {
        answers.add(a.getHostAddress());
      }
    }
    return new ArrayList<>(answers);
  }

  /** One query through JNDI, to the configured server or the system's name servers. */
  private List<String> jndi() throws Failed {
    long budget = TimeUnit.NANOSECONDS.toMillis(deadlineNanos);
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(Context.PROVIDER_URL, serverHost == null ? "dns:"
        : "dns://" + (serverHost.contains(":") ? "[" + serverHost + "]" : serverHost) + ":" + serverPort);
    // two tries within the deadline: t, then 2t (JNDI doubles the timeout on each retry)
    env.put("com.sun.jndi.dns.timeout.initial", Long.toString(Math.max(1, budget / 3)));
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    DirContext ctx = null;
    long start = System.nanoTime();
    try {
      ctx = new InitialDirContext(env);
      Attributes attributes = ctx.getAttributes(query.endsWith(".") ? query : query + ".", new String[] {record.name()});
      List<String> answers = new ArrayList<>();
      Attribute attribute = attributes.get(record.name());
      if (attribute != null) {
        NamingEnumeration<?> values = attribute.getAll();
        while (values.hasMore()) {
          String v = String.valueOf(values.next());
          answers.add(record == Record.A || record == Record.AAAA ? normalize(record, v) : v);
        }
      }
      return answers;
    } catch (NameNotFoundException e) {
      throw new Failed("no such name: " + query + " (NXDOMAIN from " + server() + ")");
    } catch (NamingException e) {
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      if (timedOut(e) || (e instanceof CommunicationException && elapsed >= budget * 9 / 10)) {
        throw new Failed("timed out after " + Config.formatDuration(timeout) + " waiting for " + server()
            + " to answer " + what());
      }
      if (has(e, java.net.PortUnreachableException.class)) {
        throw new Failed("no DNS server at " + server() + " (port unreachable: nothing listens there) for " + what());
      }
      if (e instanceof ServiceUnavailableException) {
        throw new Failed(server() + " could not answer " + what() + " (SERVFAIL): " + message(e));
      }
      throw new Failed("lookup of " + what() + " at " + server() + " failed: " + message(e));
    } finally {
      if (ctx != null) {
        try {
          ctx.close();
        } catch (NamingException e) {
          // nothing held
        }
      }
    }
  }

  private static boolean timedOut(Throwable e) {
    return has(e, SocketTimeoutException.class);
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    int depth = 0;
    for (Throwable c = e; c != null && depth < 20; depth++) {
      if (type.isInstance(c)) {
        return true;
      }
      c = c instanceof NamingException && ((NamingException) c).getRootCause() != null
          ? ((NamingException) c).getRootCause() : c.getCause();
    }
    return false;
  }

  private static String message(NamingException e) {
    String m = e.getExplanation() != null ? e.getExplanation() : e.toString();
    Throwable root = e.getRootCause();
    return root == null ? m : m + " (" + root + ")";
  }

  /** A failed lookup, with the message to report. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public String toString() {
    return "DnsProbe[" + name + ", " + what() + " at " + server() + "]";
  }
}
