package dev.vitals.probes.http;

import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A probe of type {@code tcp}: opens a TCP connection to {@code host:port} within the timeout and
 * closes it at once. {@code UP} when the connection is established (the peer need not say anything:
 * a server that accepts and never answers is {@code UP} for this probe), {@code DOWN} when the
 * connection is refused, the host does not resolve, or the connect does not complete in time.
 *
 * <pre>{@code
 * TcpProbe smtp = TcpProbe.builder("smtp").url("tcp://mail.example.com:25").timeout(Duration.ofSeconds(1)).build();
 * }</pre>
 *
 * <p>Details: {@code host}, {@code port} and {@code address}, the IP address connected to. The connect
 * gives up a little before the timeout (a tenth of it, at most 100 ms), so the probe's own message
 * is what the engine reports; when a name has several addresses they are tried in turn within that
 * time. Name resolution uses the system resolver, whose own timeout applies. Nothing is sent.
 *
 * <p>Immutable and thread-safe; holds no resources between checks.
 */
public final class TcpProbe implements Probe {

  /** The type name in configuration. */
  public static final String TYPE = "tcp";

  static final String URL_FORM = "tcp://host:port with a port from 1 to 65535 and nothing else";

  private final String name;
  private final String host;
  private final int port;
  private final Duration timeout;
  private final long deadlineNanos;
  private final ProbeDefaults defaults;

  private TcpProbe(Builder b) {
    this.name = b.name;
    this.host = b.host;
    this.port = b.port;
    this.timeout = b.timeout == null ? Duration.ofSeconds(2) : b.timeout;
    this.deadlineNanos = HttpProbe.ownDeadline(this.timeout);
    this.defaults = ProbeDefaults.builder().timeout(this.timeout).build();
  }

  /**
   * A builder for a probe.
   *
   * @param name the probe's name: {@value dev.vitals.api.Names#RULE}
   * @return a new builder
   * @throws IllegalArgumentException if the name does not follow {@link dev.vitals.api.Names#RULE}
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return TYPE;
  }

  /**
   * Suggests the probe's timeout; the engine's default budget applies.
   *
   * @return the defaults
   */
  @Override
  public ProbeDefaults defaults() {
    return defaults;
  }

  /**
   * Connects and closes.
   *
   * @return {@code UP} when connected in time, {@code DOWN} with the reason otherwise; never null
   * @throws InterruptedException when the calling thread was interrupted before or during the check
   */
  @Override
  public ProbeResult check() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before the check started");
    }
    long deadline = System.nanoTime() + deadlineNanos;
    String where = host + ":" + port;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      return down("unknown host '" + host + "': the name does not resolve", null);
    }
    String failure = null;
    InetAddress last = null;
    for (InetAddress address : addresses) {
      long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (remaining <= 0) {
        break;
      }
      last = address;
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(address, port), (int) Math.min(remaining, Integer.MAX_VALUE));
        return ProbeResult.builder(Status.UP).message("connected to " + where)
            .detail("host", host).detail("port", port).detail("address", address.getHostAddress()).build();
      } catch (SocketTimeoutException e) {
        failure = "timed out connecting to " + where + " (timeout " + HttpProbe.format(timeout) + ")";
      } catch (ConnectException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        failure = text.contains("refused") || e.getMessage() == null
            ? "connection refused by " + where
            : "cannot connect to " + where + ": " + e.getMessage();
      } catch (NoRouteToHostException e) {
        failure = "no route to " + where;
      } catch (IOException e) {
        failure = "cannot connect to " + where + ": " + e;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while connecting to " + where);
      }
    }
    if (failure == null) {
      failure = "timed out connecting to " + where + " (timeout " + HttpProbe.format(timeout) + ")";
    }
    return down(failure, last);
  }

  private ProbeResult down(String message, InetAddress address) {
    ProbeResult.Builder b = ProbeResult.builder(Status.DOWN).message(message).detail("host", host).detail("port", port);
    if (address != null) {
      b.detail("address", address.getHostAddress());
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "TcpProbe[" + name + ", tcp://" + host + ":" + port + "]";
  }

  /**
   * Builds a {@link TcpProbe}. Each setting is checked at once and may be given once;
   * {@link #build()} may be called more than once. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private String host;
    private int port;
    private Duration timeout;

    private Builder(String name) {
      this.name = Names.check(name, "probe");
    }

    /**
     * The target as a URL (configuration key {@code url}).
     *
     * @param url {@code tcp://host:port}
     * @return this builder
     * @throws IllegalArgumentException if it is not of that form
     * @throws IllegalStateException if the target was already set
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url");
      URI u;
      try {
        u = new URI(url.trim());
      } catch (URISyntaxException e) {
        throw new BadValue("url", url, URL_FORM);
      }
      boolean bare = (u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/"))
          && u.getRawQuery() == null && u.getRawFragment() == null && u.getRawUserInfo() == null;
      if (!"tcp".equalsIgnoreCase(u.getScheme()) || u.getHost() == null || u.getPort() < 1 || !bare) {
        throw new BadValue("url", url, URL_FORM);
      }
      String h = u.getHost();
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      return target(h, u.getPort());
    }

    /**
     * The target.
     *
     * @param host a host name or IP address
     * @param port from 1 to 65535
     * @return this builder
     * @throws IllegalArgumentException if the host is blank or the port out of range
     * @throws IllegalStateException if the target was already set
     */
    public Builder target(String host, int port) {
      Objects.requireNonNull(host, "host");
      if (this.host != null) {
        throw new IllegalStateException("target was already set");
      }
      if (host.isBlank() || port < 1 || port > 65535) {
        throw new BadValue("url", "tcp://" + host + ":" + port, URL_FORM);
      }
      this.host = host;
      this.port = port;
      return this;
    }

    /**
     * The connect timeout; 2 seconds by default. From configuration, the probe's {@code timeout}.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (this.timeout != null) {
        throw new IllegalStateException("timeout was already set");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Builds the probe; it connects only when checked.
     *
     * @return a new probe
     * @throws IllegalArgumentException if no target was set
     */
    public TcpProbe build() {
      if (host == null) {
        throw new BadValue("url", null, URL_FORM);
      }
      return new TcpProbe(this);
    }
  }
}
