package dev.vitals.test;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Real probe types for testing the probe kit, registered for ServiceLoader in the test resources: a
 * network probe that reads a greeting line, in two builds (one that sets its socket limits below the
 * probe timeout, one that relies on the engine's timeout), one that is satisfied by a connection alone,
 * and one that waits on nothing from the network.
 */
final class KitProbes {

  private KitProbes() {}

  /** Reads one line from {@code tcp://host:port}: {@code OK} is UP. */
  static final class GreetingProbe implements Probe {
    private final String name;
    private final String type;
    private final URI url;
    /** The socket limits, or null to set none and rely on the engine's timeout. */
    private final Duration limit;

    GreetingProbe(String name, String type, URI url, Duration limit) {
      this.name = name;
      this.type = type;
      this.url = url;
      this.limit = limit;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public ProbeResult check() throws IOException {
      String target = url.getHost() + ":" + url.getPort();
      try (Socket s = new Socket()) {
        if (limit != null) {
          s.connect(new InetSocketAddress(url.getHost(), url.getPort()), (int) limit.toMillis());
          s.setSoTimeout((int) limit.toMillis());
        } else {
          s.connect(new InetSocketAddress(url.getHost(), url.getPort()));
        }
        String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (line == null) {
          return ProbeResult.down(target + " closed the connection without a greeting");
        }
        return "OK".equals(line) ? ProbeResult.up() : ProbeResult.down(target + " answered '" + line + "'");
      } catch (SocketTimeoutException e) {
        return ProbeResult.down("no greeting from " + target + " within " + limit.toMillis() + " ms");
      }
    }
  }

  /** Type {@code kit-greeting}: socket limits at 80 % of the probe timeout. */
  public static final class GreetingFactory implements ProbeFactory {
    @Override
    public String type() {
      return "kit-greeting";
    }

    @Override
    public Set<String> keys() {
      return Set.of("url");
    }

    @Override
    public Probe create(ProbeConfig config) {
      return new GreetingProbe(config.name(), type(), URI.create(config.require("url")),
          config.timeout().multipliedBy(4).dividedBy(5));
    }
  }

  /** Type {@code kit-greeting-lax}: no socket limits, the engine's timeout is all it has. */
  public static final class LaxGreetingFactory implements ProbeFactory {
    @Override
    public String type() {
      return "kit-greeting-lax";
    }

    @Override
    public Set<String> keys() {
      return Set.of("url");
    }

    @Override
    public Probe create(ProbeConfig config) {
      return new GreetingProbe(config.name(), type(), URI.create(config.require("url")), null);
    }
  }

  /** Type {@code kit-optimist}: UP as soon as a connection is accepted, so UP against a hanging server. */
  public static final class OptimistFactory implements ProbeFactory {
    @Override
    public String type() {
      return "kit-optimist";
    }

    @Override
    public Set<String> keys() {
      return Set.of("url");
    }

    @Override
    public Probe create(ProbeConfig config) {
      URI url = URI.create(config.require("url"));
      int limit = (int) config.timeout().toMillis();
      return Probe.of(config.name(), type(), () -> {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(url.getHost(), url.getPort()), limit);
          return ProbeResult.up("connected");
        }
      });
    }
  }

  /**
   * Type {@code kit-waiting}, a probe of nothing on the network: it waits {@code wait} (as for a slow
   * local resource), honouring interruption, then answers {@code answer} ({@code up} or {@code down}).
   */
  public static final class WaitingFactory implements ProbeFactory {
    @Override
    public String type() {
      return "kit-waiting";
    }

    @Override
    public Set<String> keys() {
      return Set.of("wait", "answer");
    }

    @Override
    public Probe create(ProbeConfig config) {
      Duration wait = config.duration("wait", Duration.ZERO);
      boolean up = config.get("answer").orElse("up").equals("up");
      return Probe.of(config.name(), type(), () -> {
        Thread.sleep(wait.toMillis());
        return up ? ProbeResult.up() : ProbeResult.down("the resource said no");
      });
    }
  }

  /** A server on 127.0.0.1 that answers {@code OK} to every connection and closes it. */
  static final class GreetingServer implements AutoCloseable {
    private final ServerSocket server;

    GreetingServer() {
      try {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept(); Writer w = new java.io.OutputStreamWriter(s.getOutputStream(),
              StandardCharsets.US_ASCII)) {
            w.write("OK\n");
          } catch (IOException e) {
            // closed, or a client that went away
          }
        }
      }, "greeting-server");
      t.setDaemon(true);
      t.start();
    }

    String url() {
      return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** A loopback URL where nothing listens. */
  static String closedUrl() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return "tcp://127.0.0.1:" + s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
