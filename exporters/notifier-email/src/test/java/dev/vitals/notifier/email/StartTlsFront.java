package dev.vitals.notifier.email;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP front on 127.0.0.1 that offers STARTTLS, refuses everything else until the client upgrades, and
 * after a real TLS handshake (with the given certificate) relays the encrypted conversation to an upstream
 * plain SMTP server (GreenMail), whose greeting it swallows. This is how a STARTTLS submission server
 * looks to a client; GreenMail itself speaks plain SMTP and SMTPS only.
 */
final class StartTlsFront implements AutoCloseable {

  private final SSLContext tls;
  private final int upstreamPort;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<String> plainCommands = new CopyOnWriteArrayList<>();
  private final AtomicInteger handshakes = new AtomicInteger();
  private final AtomicInteger failedHandshakes = new AtomicInteger();

  StartTlsFront(SSLContext tls, int upstreamPort) throws IOException {
    this.tls = tls;
    this.upstreamPort = upstreamPort;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    start("starttls-front-accept", this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** TLS handshakes completed. */
  int handshakes() {
    return handshakes.get();
  }

  /** TLS handshakes the client broke off (for example because it did not trust the certificate). */
  int failedHandshakes() {
    return failedHandshakes.get();
  }

  /** The commands the client sent in clear, before STARTTLS. */
  List<String> plainCommands() {
    return List.copyOf(plainCommands);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        sockets.add(client);
        start("starttls-front-conn", () -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try {
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      write(out, "220 front.test ESMTP ready");
      while (true) {
        String line = readLine(in);
        if (line == null) {
          client.close();
          return;
        }
        plainCommands.add(line);
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO":
            write(out, "250-front.test\r\n250 STARTTLS");
            break;
          case "HELO":
          case "NOOP":
            write(out, "250 front.test");
            break;
          case "QUIT":
            write(out, "221 bye");
            client.close();
            return;
          case "STARTTLS":
            write(out, "220 2.0.0 Ready to start TLS");
            relay(client);
            return;
          default:
            write(out, "530 5.7.0 Must issue a STARTTLS command first");
        }
      }
    } catch (IOException e) {
      closeQuietly(client);
    }
  }

  private void relay(Socket client) throws IOException {
    SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
    sockets.add(secure);
    secure.setUseClientMode(false);
    try {
      secure.startHandshake();
    } catch (IOException e) {
      failedHandshakes.incrementAndGet();
      closeQuietly(secure);
      return;
    }
    handshakes.incrementAndGet();
    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
    sockets.add(upstream);
    InputStream upIn = upstream.getInputStream();
    readLine(upIn); // the upstream's own greeting: the client already had ours
    start("starttls-front-up", () -> pipe(upIn, secure, upstream));
    pipe(secure.getInputStream(), upstream, secure);
  }

  private static void pipe(InputStream from, Socket to, Socket fromSocket) {
    byte[] buf = new byte[8192];
    try {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = from.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side went away
    } finally {
      closeQuietly(to);
      closeQuietly(fromSocket);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String s = line.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(b);
    }
    return null;
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      closeQuietly(s);
    }
  }
}
