package dev.vitals.probes.net;

import dev.vitals.api.Clock;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A probe of type {@code smtp}: one SMTP conversation over a plain {@link Socket}, step by step: connect,
 * the 220 banner, EHLO (HELO when EHLO is refused), STARTTLS and the TLS handshake when configured (or TLS
 * from the first byte, {@code tls = implicit}), EHLO again over TLS, QUIT. Nothing is sent beyond those
 * commands: no credentials, no mail.
 *
 * <p>Every socket operation is bounded by what is left of the probe's own deadline (its timeout less a
 * tenth, at most 100 ms), so a slow step is reported by name before the engine's timeout. Immutable and
 * thread-safe; holds no resources between checks.
 */
final class SmtpProbe implements Probe {

  static final String TYPE = "smtp";

  /** How STARTTLS is used on a plain connection. */
  enum StartTls {
    REQUIRED, OPTIONAL, OFF
  }

  private static final int MAX_LINE = 4096;
  private static final int MAX_LINES = 200;

  private final String name;
  private final String host;
  private final int port;
  private final boolean implicitTls;
  private final StartTls startTls;
  private final String heloName;
  private final Duration expiryWarning;
  private final Tls tls;
  private final Duration timeout;
  private final long deadlineNanos;
  private final Clock clock;
  private final ProbeDefaults defaults;

  SmtpProbe(String name, String host, int port, boolean implicitTls, StartTls startTls, String heloName,
      Duration expiryWarning, Tls tls, Duration timeout, Clock clock) {
    this.name = name;
    this.host = host;
    this.port = port;
    this.implicitTls = implicitTls;
    this.startTls = startTls;
    this.heloName = heloName;
    this.expiryWarning = expiryWarning;
    this.tls = tls;
    this.timeout = timeout;
    this.deadlineNanos = ownDeadline(timeout);
    this.clock = clock;
    this.defaults = ProbeDefaults.builder().timeout(timeout).build();
  }

  /** The probe's own deadline: the timeout less a tenth of it, at most 100 ms, so its message wins. */
  static long ownDeadline(Duration timeout) {
    long t = timeout.toNanos();
    return t - Math.min(t / 10, TimeUnit.MILLISECONDS.toNanos(100));
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

  /** A failed step: the message says which step and what the server said. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message, null, false, false);
    }
  }

  @Override
  public ProbeResult check() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before the check started");
    }
    Conversation c = new Conversation(System.nanoTime() + deadlineNanos);
    try {
      return c.run();
    } catch (Failed e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted during the SMTP check of " + c.where + ": " + e.getMessage());
      }
      return c.result(Status.DOWN, e.getMessage());
    } finally {
      c.close();
    }
  }

  /** One check's state. Confined to the checking thread. */
  private final class Conversation {
    final String where = host + ":" + port;
    final long deadline;
    final List<Object[]> details = new ArrayList<>();
    final Tls.Recorder seen = new Tls.Recorder();
    Socket socket;
    InputStream in;
    OutputStream out;
    final byte[] buf = new byte[8192];
    int pos;
    int lim;

    Conversation(long deadline) {
      this.deadline = deadline;
    }

    ProbeResult run() throws Failed {
      connect();
      String mode = "none";
      if (implicitTls) {
        handshake("the TLS handshake");
        mode = "implicit";
      }
      Reply banner = read("the banner");
      detail("banner", clip(banner.text()));
      if (banner.code != 220) {
        throw new Failed("server answered " + banner.describe() + " instead of the 220 banner (" + where + ")");
      }
      List<String> extensions = ehlo("");
      if (!implicitTls && startTls != StartTls.OFF) {
        boolean offered = extensions != null && extensions.stream().anyMatch(e -> keyword(e).equals("STARTTLS"));
        if (offered) {
          Reply r = command("STARTTLS", "the reply to STARTTLS");
          if (r.code != 220) {
            throw new Failed("server answered " + r.describe() + " to STARTTLS (" + where + ")");
          }
          if (pos < lim) {
            throw new Failed("server sent data after its 220 reply to STARTTLS, before the TLS handshake (" + where
                + "): refused, as a client must");
          }
          handshake("the TLS handshake after STARTTLS");
          mode = "starttls";
          extensions = ehlo(" after STARTTLS");
        } else if (startTls == StartTls.REQUIRED) {
          throw new Failed("server does not offer STARTTLS (starttls = required; EHLO listed "
              + (extensions == null ? "nothing: it refused EHLO and took HELO" : "[" + String.join(", ", extensions) + "]")
              + ") (" + where + ")");
        }
      }
      detail("tls", mode);
      if (extensions != null) {
        detail("extensions", clip(String.join(", ", extensions)));
      }
      quit();
      return judge(mode);
    }

    private ProbeResult judge(String mode) {
      if (mode.equals("none")) {
        return result(Status.UP, "SMTP server " + where + " answered EHLO (no TLS)");
      }
      X509Certificate cert = Tls.soonest(seen.chain);
      if (cert != null) {
        Instant notAfter = cert.getNotAfter().toInstant();
        Duration left = Duration.between(clock.instant(), notAfter);
        if (!notAfter.isAfter(clock.instant())) {
          return result(Status.DOWN, "TLS certificate of " + where + " has expired (notAfter " + notAfter + ")");
        }
        if (left.compareTo(expiryWarning) < 0) {
          return result(Status.DEGRADED, "TLS certificate of " + where + " expires in " + left.toDays() + " days (notAfter "
              + notAfter + "), within certificate-expiry-degraded (" + Config.formatDuration(expiryWarning) + ")");
        }
      }
      return result(Status.UP, "SMTP server " + where + " answered EHLO over TLS (" + mode + ")");
    }

    void connect() throws Failed {
      InetAddress[] addresses;
      try {
        addresses = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        throw new Failed("unknown host '" + host + "': the name does not resolve");
      }
      String failure = null;
      for (InetAddress address : addresses) {
        int remaining = remainingMillis();
        if (remaining <= 0) {
          break;
        }
        Socket s = new Socket();
        try {
          s.connect(new InetSocketAddress(address, port), remaining);
          s.setTcpNoDelay(true);
          socket = s;
          in = s.getInputStream();
          out = s.getOutputStream();
          detail("address", address.getHostAddress());
          return;
        } catch (SocketTimeoutException e) {
          failure = "timed out after " + fmt() + " connecting to " + where;
        } catch (ConnectException e) {
          String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
          failure = text.contains("refused") || e.getMessage() == null
              ? "connection refused by " + where : "cannot connect to " + where + ": " + e.getMessage();
        } catch (NoRouteToHostException e) {
          failure = "no route to " + where;
        } catch (IOException e) {
          failure = "cannot connect to " + where + ": " + e;
        }
        closeQuietly(s);
      }
      throw new Failed(failure != null ? failure : "timed out after " + fmt() + " connecting to " + where);
    }

    void handshake(String step) throws Failed {
      int remaining = remainingMillis();
      if (remaining <= 0) {
        throw new Failed("timed out after " + fmt() + " before " + step + " with " + where);
      }
      try {
        SSLSocket ssl = (SSLSocket) tls.context(seen).getSocketFactory().createSocket(socket, host, port, true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(p);
        ssl.setSoTimeout(remaining);
        socket = ssl;
        ssl.startHandshake();
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
        pos = 0;
        lim = 0;
        detail("tlsProtocol", ssl.getSession().getProtocol());
      } catch (SocketTimeoutException e) {
        throw new Failed("timed out after " + fmt() + " during " + step + " with " + where);
      } catch (IOException e) {
        throw new Failed(Tls.describe(e, where) + " (" + step + ")");
      } finally {
        certificateDetails();
      }
    }

    private void certificateDetails() {
      X509Certificate cert = Tls.soonest(seen.chain);
      if (cert == null || details.stream().anyMatch(d -> d[0].equals("certNotAfter"))) {
        return;
      }
      Instant notAfter = cert.getNotAfter().toInstant();
      Duration left = Duration.between(clock.instant(), notAfter);
      detail("certNotAfter", notAfter.toString());
      detail("certExpiresInDays", left.isNegative() ? -1 - left.negated().toDays() : left.toDays());
      detail("certSubject", cert.getSubjectX500Principal().getName());
    }

    /** EHLO, or HELO when the server refuses EHLO; the extensions, or null after HELO. */
    List<String> ehlo(String when) throws Failed {
      String helo = helo();
      Reply r = command("EHLO " + helo, "the reply to EHLO" + when);
      if (r.code == 250) {
        return r.lines.subList(1, r.lines.size());
      }
      if (r.code >= 500 && r.code <= 504) {
        Reply h = command("HELO " + helo, "the reply to HELO" + when);
        if (h.code == 250) {
          return null;
        }
        throw new Failed("server answered " + h.describe() + " to HELO" + when + ", after " + r.code + " to EHLO ("
            + where + ")");
      }
      throw new Failed("server answered " + r.describe() + " to EHLO" + when + " (" + where + ")");
    }

    /** The configured name, else the local host name, else the address literal of the local end. */
    private String helo() {
      if (heloName != null) {
        return heloName;
      }
      String local = LocalName.get();
      if (local != null) {
        return local;
      }
      InetAddress a = socket.getLocalAddress();
      return a instanceof java.net.Inet6Address ? "[IPv6:" + a.getHostAddress().replaceFirst("%.*$", "") + "]"
          : "[" + a.getHostAddress() + "]";
    }

    void quit() {
      try {
        if (remainingMillis() > 0) {
          command("QUIT", "the reply to QUIT");
        }
      } catch (Failed e) {
        // the check is done; a server that drops the connection at QUIT is still a working server
      }
    }

    Reply command(String line, String step) throws Failed {
      try {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        throw new Failed("cannot send " + keyword(line) + " to " + where + ": " + e.getMessage());
      }
      return read(step);
    }

    /** Reads one reply, multi-line included. */
    Reply read(String step) throws Failed {
      List<String> lines = new ArrayList<>();
      int code = -1;
      while (true) {
        String line = readLine(step);
        if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
            || !Character.isDigit(line.charAt(2)) || (line.length() > 3 && line.charAt(3) != ' ' && line.charAt(3) != '-')) {
          throw new Failed("server sent a line that is not an SMTP reply while waiting for " + step + " from " + where
              + ": '" + clip(line) + "'");
        }
        int c = Integer.parseInt(line.substring(0, 3));
        if (code >= 0 && c != code) {
          throw new Failed("server mixed reply codes " + code + " and " + c + " in one reply to " + step + " (" + where + ")");
        }
        code = c;
        lines.add(line.length() > 4 ? line.substring(4) : "");
        if (line.length() == 3 || line.charAt(3) == ' ') {
          return new Reply(code, lines);
        }
        if (lines.size() >= MAX_LINES) {
          throw new Failed("server sent more than " + MAX_LINES + " lines in one reply to " + step + " (" + where + ")");
        }
      }
    }

    private String readLine(String step) throws Failed {
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (pos == lim) {
          fill(step, sb.length() > 0);
        }
        byte b = buf[pos++];
        if (b == '\n') {
          int n = sb.length();
          if (n > 0 && sb.charAt(n - 1) == '\r') {
            sb.setLength(n - 1);
          }
          return sb.toString();
        }
        if (sb.length() >= MAX_LINE) {
          throw new Failed("server sent a line longer than " + MAX_LINE + " bytes while waiting for " + step + " from "
              + where);
        }
        sb.append((char) (b & 0xff));
      }
    }

    private void fill(String step, boolean partial) throws Failed {
      int remaining = remainingMillis();
      if (remaining <= 0) {
        throw new Failed("timed out after " + fmt() + " waiting for " + step + " from " + where);
      }
      try {
        socket.setSoTimeout(remaining);
        int n = in.read(buf, 0, buf.length);
        if (n < 0) {
          throw new Failed(where + " closed the connection " + (partial ? "in the middle of " : "before ") + step);
        }
        pos = 0;
        lim = n;
      } catch (SocketTimeoutException e) {
        throw new Failed("timed out after " + fmt() + " waiting for " + step + " from " + where);
      } catch (IOException e) {
        throw new Failed("connection to " + where + " failed while waiting for " + step + ": " + e.getMessage());
      }
    }

    int remainingMillis() {
      long ms = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      return (int) Math.max(0, Math.min(ms, Integer.MAX_VALUE));
    }

    void detail(String key, Object value) {
      details.removeIf(d -> d[0].equals(key));
      details.add(new Object[] {key, value});
    }

    ProbeResult result(Status status, String message) {
      ProbeResult.Builder b = ProbeResult.builder(status).message(message).detail("host", host).detail("port", port);
      for (Object[] d : details) {
        b.detail((String) d[0], d[1]);
      }
      return b.build();
    }

    void close() {
      closeQuietly(socket);
    }
  }

  /** One SMTP reply. */
  private static final class Reply {
    final int code;
    final List<String> lines;

    Reply(int code, List<String> lines) {
      this.code = code;
      this.lines = lines;
    }

    String text() {
      return String.join(" ", lines).trim();
    }

    String describe() {
      String t = clip(text());
      return t.isEmpty() ? Integer.toString(code) : code + " " + t;
    }
  }

  private String fmt() {
    return Config.formatDuration(timeout);
  }

  private static String keyword(String extensionLine) {
    int sp = extensionLine.indexOf(' ');
    return (sp < 0 ? extensionLine : extensionLine.substring(0, sp)).toUpperCase(Locale.ROOT);
  }

  /** Server text as shown: printable ASCII only, at most 200 characters. */
  static String clip(String text) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < text.length() && sb.length() < 200; i++) {
      char ch = text.charAt(i);
      sb.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
    }
    return text.length() > 200 ? sb + "..." : sb.toString();
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }

  @Override
  public String toString() {
    return "SmtpProbe[" + name + ", " + host + ":" + port + (implicitTls ? ", tls=implicit" : ", starttls="
        + startTls.name().toLowerCase(Locale.ROOT)) + "]";
  }
}
