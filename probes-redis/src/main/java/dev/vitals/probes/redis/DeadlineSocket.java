package dev.vitals.probes.redis;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * A connected socket whose every read waits at most until a deadline: before each read the read
 * timeout is set to the time left (or to the timeout the client asked for, if shorter), and a read
 * past the deadline fails at once. So a run is bounded as a whole, even against a server that
 * answers byte by byte, which a plain per-read timeout would not bound. TLS is layered on top of
 * it, so the handshake is bounded too.
 *
 * <p>The deadline is set by the probe's run ({@link #deadline(long)}); reads happen on that run's
 * thread. Only the methods a Redis client uses are delegated.
 */
final class DeadlineSocket extends Socket {

  private final Socket delegate;
  private final InputStream in;
  private volatile long deadlineNanos;
  private volatile int requestedTimeoutMillis;

  DeadlineSocket(Socket delegate, long deadlineNanos) throws IOException {
    this.delegate = delegate;
    this.deadlineNanos = deadlineNanos;
    this.in = new DeadlineInput(delegate.getInputStream());
  }

  /** Sets the deadline of the current run, as a {@link System#nanoTime()} value. */
  void deadline(long nanos) {
    this.deadlineNanos = nanos;
  }

  private void arm() throws IOException {
    long left = deadlineNanos - System.nanoTime();
    if (left <= 0) {
      throw new SocketTimeoutException("Read timed out: the probe's deadline has passed");
    }
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
    int requested = requestedTimeoutMillis;
    if (requested > 0) {
      millis = Math.min(millis, requested);
    }
    delegate.setSoTimeout((int) Math.min(Integer.MAX_VALUE, millis));
  }

  private final class DeadlineInput extends FilterInputStream {
    DeadlineInput(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      arm();
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return super.read(b, off, len);
    }
  }

  @Override
  public InputStream getInputStream() {
    return in;
  }

  @Override
  public OutputStream getOutputStream() throws IOException {
    return delegate.getOutputStream();
  }

  @Override
  public void setSoTimeout(int timeout) throws SocketException {
    if (timeout < 0) {
      throw new IllegalArgumentException("timeout < 0");
    }
    requestedTimeoutMillis = timeout;
  }

  @Override
  public int getSoTimeout() {
    return requestedTimeoutMillis;
  }

  @Override
  public boolean isConnected() {
    return delegate.isConnected();
  }

  @Override
  public boolean isBound() {
    return delegate.isBound();
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  @Override
  public boolean isInputShutdown() {
    return delegate.isInputShutdown();
  }

  @Override
  public boolean isOutputShutdown() {
    return delegate.isOutputShutdown();
  }

  @Override
  public void shutdownInput() throws IOException {
    delegate.shutdownInput();
  }

  @Override
  public void shutdownOutput() throws IOException {
    delegate.shutdownOutput();
  }

  @Override
  public InetAddress getInetAddress() {
    return delegate.getInetAddress();
  }

  @Override
  public InetAddress getLocalAddress() {
    return delegate.getLocalAddress();
  }

  @Override
  public int getPort() {
    return delegate.getPort();
  }

  @Override
  public int getLocalPort() {
    return delegate.getLocalPort();
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return delegate.getRemoteSocketAddress();
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return delegate.getLocalSocketAddress();
  }

  @Override
  public void setTcpNoDelay(boolean on) throws SocketException {
    delegate.setTcpNoDelay(on);
  }

  @Override
  public boolean getTcpNoDelay() throws SocketException {
    return delegate.getTcpNoDelay();
  }

  @Override
  public void setKeepAlive(boolean on) throws SocketException {
    delegate.setKeepAlive(on);
  }

  @Override
  public boolean getKeepAlive() throws SocketException {
    return delegate.getKeepAlive();
  }

  @Override
  public void setSoLinger(boolean on, int linger) throws SocketException {
    delegate.setSoLinger(on, linger);
  }

  @Override
  public int getSoLinger() throws SocketException {
    return delegate.getSoLinger();
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
