package dev.vitals.probes.net;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal authoritative DNS server on 127.0.0.1 over UDP (RFC 1035), for the tests: it parses the
 * question and answers A, AAAA, CNAME and SRV records from its table, NOERROR without answers for a known
 * name without records of the asked type, and NXDOMAIN for an unknown name. It can be made silent (it
 * reads queries and never answers).
 */
final class TestDnsServer implements AutoCloseable {

  private static final int A = 1;
  private static final int CNAME = 5;
  private static final int AAAA = 28;
  private static final int SRV = 33;

  /** Records by lower-case name without the final dot, then type. */
  private final Map<String, Map<Integer, List<byte[]>>> table = new ConcurrentHashMap<>();
  private final DatagramSocket socket;
  private final AtomicInteger queries = new AtomicInteger();
  private volatile boolean silent;
  private volatile boolean closed;
  private final Thread receiver;

  TestDnsServer() throws SocketException {
    this(0);
  }

  /** A server on the given port (0: any free port); used to bring a stopped server back where it was. */
  TestDnsServer(int port) throws SocketException {
    socket = new DatagramSocket(null);
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    receiver = new Thread(this::loop, "test-dns");
    receiver.setDaemon(true);
    receiver.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /** {@code 127.0.0.1:<port>}, the probe's {@code server}. */
  String address() {
    return "127.0.0.1:" + port();
  }

  int queries() {
    return queries.get();
  }

  /** Reads queries and never answers. */
  TestDnsServer silent() {
    silent = true;
    return this;
  }

  TestDnsServer a(String name, String... addresses) throws IOException {
    for (String a : addresses) {
      add(name, A, InetAddress.getByName(a).getAddress());
    }
    return this;
  }

  TestDnsServer aaaa(String name, String... addresses) throws IOException {
    for (String a : addresses) {
      add(name, AAAA, InetAddress.getByName(a).getAddress());
    }
    return this;
  }

  TestDnsServer cname(String name, String target) {
    add(name, CNAME, encodeName(target));
    return this;
  }

  TestDnsServer srv(String name, int priority, int weight, int port, String target) {
    byte[] t = encodeName(target);
    ByteBuffer b = ByteBuffer.allocate(6 + t.length);
    b.putShort((short) priority).putShort((short) weight).putShort((short) port).put(t);
    add(name, SRV, b.array());
    return this;
  }

  private void add(String name, int type, byte[] rdata) {
    table.computeIfAbsent(key(name), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(type, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(rdata);
  }

  private static String key(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private void loop() {
    byte[] buf = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return;
      }
      if (closed) { // received while closing: the socket lives until receive() returns
        return;
      }
      queries.incrementAndGet();
      if (silent) {
        continue;
      }
      try {
        byte[] answer = answer(ByteBuffer.wrap(p.getData(), 0, p.getLength()));
        socket.send(new DatagramPacket(answer, answer.length, p.getSocketAddress()));
      } catch (IOException | RuntimeException e) {
        // a malformed query gets no answer
      }
    }
  }

  private byte[] answer(ByteBuffer q) {
    int id = q.getShort() & 0xffff;
    int flags = q.getShort() & 0xffff;
    int qdcount = q.getShort() & 0xffff;
    q.position(12);
    if (qdcount != 1) {
      throw new IllegalArgumentException("one question expected");
    }
    int questionStart = q.position();
    StringBuilder name = new StringBuilder();
    for (int len = q.get() & 0xff; len != 0; len = q.get() & 0xff) {
      byte[] label = new byte[len];
      q.get(label);
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(label, java.nio.charset.StandardCharsets.US_ASCII));
    }
    int qtype = q.getShort() & 0xffff;
    q.getShort(); // class
    int questionEnd = q.position();
    Map<Integer, List<byte[]>> records = table.get(key(name.toString()));
    List<byte[]> answers = records == null ? List.of() : records.getOrDefault(qtype, List.of());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteBuffer h = ByteBuffer.allocate(12);
    int rcode = records == null ? 3 : 0; // NXDOMAIN or NOERROR
    int responseFlags = 0x8000 | (flags & 0x7800) | 0x0400 | (flags & 0x0100) | rcode; // QR, opcode, AA, RD
    h.putShort((short) id).putShort((short) responseFlags).putShort((short) 1).putShort((short) answers.size())
        .putShort((short) 0).putShort((short) 0);
    out.writeBytes(h.array());
    out.write(q.array(), q.arrayOffset() + questionStart, questionEnd - questionStart);
    for (byte[] rdata : answers) {
      ByteBuffer rr = ByteBuffer.allocate(12 + rdata.length);
      rr.putShort((short) 0xC00C).putShort((short) qtype).putShort((short) 1).putInt(60).putShort((short) rdata.length)
          .put(rdata);
      out.writeBytes(rr.array());
    }
    return out.toByteArray();
  }

  private static byte[] encodeName(String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<String> labels = new ArrayList<>(List.of(key(name).split("\\.")));
    for (String l : labels) {
      out.write(l.length());
      out.writeBytes(l.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
    out.write(0);
    return out.toByteArray();
  }

  /** Stops answering; returns once the receiving thread has ended, so nothing is answered afterwards. */
  @Override
  public void close() {
    closed = true;
    socket.close();
    try {
      receiver.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
