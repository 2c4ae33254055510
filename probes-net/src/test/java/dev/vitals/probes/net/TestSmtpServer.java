package dev.vitals.probes.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server on 127.0.0.1 for the tests: a banner, EHLO/HELO with its extensions, STARTTLS with a
 * real TLS upgrade (the given certificate), or TLS from the first byte, and QUIT. It can also be silent (accept
 * and never send the banner) or greet with another code. It records every command it received.
 */
final class TestSmtpServer implements AutoCloseable {

  /** How the server behaves. */
  static final class Setup {
    String banner = "220 mail.test ESMTP ready";
    boolean silent;
    boolean refuseEhlo;
    SSLContext startTls;
    SSLContext implicitTls;

    Setup banner(String line) {
      banner = line;
      return this;
    }

    Setup silent() {
      silent = true;
      return this;
    }

    Setup refuseEhlo() {
      refuseEhlo = true;
      return this;
    }

    Setup startTls(SSLContext ctx) {
      startTls = ctx;
      return this;
    }

    Setup implicitTls(SSLContext ctx) {
      implicitTls = ctx;
      return this;
    }
  }

  private final Setup setup;
  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final List<String> commands = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private volatile boolean closed;

  TestSmtpServer(Setup setup) throws IOException {
    this(setup, 0);
  }

  /** A server on the given port (0: any free port); used to bring a stopped server back where it was. */
  TestSmtpServer(Setup setup, int port) throws IOException {
    this.setup = setup;
    this.server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    acceptor = new Thread(this::acceptLoop, "test-smtp-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Every command received, in order, over every connection. */
  List<String> commands() {
    return List.copyOf(commands);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        if (closed) { // accepted while closing: the listening socket lives until accept() returns
          s.close();
          return;
        }
        sockets.add(s);
        Thread t = new Thread(() -> serve(s), "test-smtp-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try {
      if (setup.silent) {
        socket.getInputStream().read(); // holds the connection until the client goes away
        return;
      }
      Socket s = socket;
      if (setup.implicitTls != null) {
        s = upgrade(s, setup.implicitTls);
      }
      boolean tls = setup.implicitTls != null;
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      write(out, setup.banner);
      if (!setup.banner.startsWith("220")) {
        return;
      }
      String line;
      while ((line = in.readLine()) != null) {
        commands.add(line);
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO":
            if (setup.refuseEhlo) {
              write(out, "502 5.5.1 EHLO not implemented");
            } else {
              StringBuilder sb = new StringBuilder("250-mail.test greets " + line.substring(5) + "\r\n");
              sb.append("250-SIZE 35882577\r\n250-8BITMIME\r\n");
              if (setup.startTls != null && !tls) {
                sb.append("250-STARTTLS\r\n");
              }
              sb.append("250 SMTPUTF8");
              write(out, sb.toString());
            }
            break;
          case "HELO":
            write(out, "250 mail.test");
            break;
          case "STARTTLS":
            if (setup.startTls == null || tls) {
              write(out, "502 5.5.1 not offered");
              break;
            }
            write(out, "220 2.0.0 go ahead");
            s = upgrade(s, setup.startTls);
            tls = true;
            in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            out = s.getOutputStream();
            break;
          case "QUIT":
            write(out, "221 2.0.0 bye");
            s.close();
            return;
          default:
            write(out, "500 5.5.2 unknown command");
        }
      }
    } catch (IOException e) {
      // the client went away or the server was closed
    }
  }

  private Socket upgrade(Socket plain, SSLContext ctx) throws IOException {
    SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
    ssl.setUseClientMode(false);
    sockets.add(ssl);
    ssl.startHandshake();
    return ssl;
  }

  private static void write(OutputStream out, String reply) throws IOException {
    out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /**
   * Stops listening and drops every connection. Returns once the accepting thread has ended: until then the
   * kernel still holds the listening socket, and a connection made at that moment would be accepted.
   */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closed
    }
    try {
      acceptor.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // closed
      }
    }
  }
}
