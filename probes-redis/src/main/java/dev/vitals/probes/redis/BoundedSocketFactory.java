package dev.vitals.probes.redis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import redis.clients.jedis.JedisSocketFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Opens the probe's socket within the run's deadline: one TCP connect to the first address of the
 * host with the time left as connect timeout, a {@link DeadlineSocket} over it so every read ends by
 * the deadline, and for TLS a handshake on top of that (so it is bounded too) with host name
 * verification. One instance per connection attempt; {@link #socket()} gives the socket made.
 */
final class BoundedSocketFactory implements JedisSocketFactory {

  private final RedisUri uri;
  private final SSLContext sslContext;
  private final long deadlineNanos;
  private DeadlineSocket socket;

  BoundedSocketFactory(RedisUri uri, SSLContext sslContext, long deadlineNanos) {
    this.uri = uri;
    this.sslContext = sslContext;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public Socket createSocket() {
    Socket plain = new Socket();
    try {
      plain.setTcpNoDelay(true);
      plain.setKeepAlive(true);
      // Close with a reset: a probe reconnecting after failures leaves no TIME_WAIT sockets behind.
      plain.setSoLinger(true, 0);
      InetSocketAddress address = new InetSocketAddress(uri.host, uri.port);
      if (address.isUnresolved()) {
        throw new UnknownHostException(uri.host);
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
      if (left < 1) {
        throw new java.net.SocketTimeoutException("connect timed out: the probe's deadline has passed");
      }
      plain.connect(address, (int) Math.min(Integer.MAX_VALUE, left));
      DeadlineSocket bounded = new DeadlineSocket(plain, deadlineNanos);
      socket = bounded;
      if (!uri.tls) {
        return bounded;
      }
      SSLSocket tls = (SSLSocket) sslContext.getSocketFactory().createSocket(bounded, uri.host, uri.port, true);
      SSLParameters parameters = sslContext.getDefaultSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      tls.setSSLParameters(parameters);
      tls.startHandshake();
      return tls;
    } catch (IOException e) {
      try {
        plain.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw new JedisConnectionException("cannot connect to " + uri.target(), e);
    }
  }

  /**
   * The socket the last {@link #createSocket()} made, under TLS if any.
   *
   * @return the socket, or null before a connect succeeded
   */
  DeadlineSocket socket() {
    return socket;
  }

  @Override
  public String toString() {
    return uri.target();
  }
}
