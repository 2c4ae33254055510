package dev.vitals.probes.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The {@link HttpClient} of one {@link HttpProbe}: created on the first check and kept, with its
 * connection pool (HTTP/1.1), one selector thread and at most two daemon worker threads
 * ({@code vitals-http-<probe>-<n>-<m>}) that end after a second idle; {@link #close()} releases them and
 * a later {@link #client()} creates them again. The client never follows redirects (the probe does, by
 * its {@link RedirectPolicy}). Thread-safe.
 */
final class ClientLifecycle {

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final String probe;
  private final Duration connectTimeout;
  private final SSLContext sslContext;
  private final Object lock = new Object();
  private HttpClient client;
  private ThreadPoolExecutor executor;

  /**
   * @param probe the probe's name, in its threads' names
   * @param connectTimeout the client's connect timeout
   * @param sslContext the TLS context, or null for the JDK's default
   */
  ClientLifecycle(String probe, Duration connectTimeout, SSLContext sslContext) {
    this.probe = probe;
    this.connectTimeout = connectTimeout;
    this.sslContext = sslContext;
  }

  /** The client, created when there is none. */
  HttpClient client() {
    synchronized (lock) {
      if (client == null) {
        int id = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
          Thread t = new Thread(r, "vitals-http-" + probe + "-" + id + "-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        HttpClient.Builder b = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout)
            .executor(pool);
        if (sslContext != null) {
          b.sslContext(sslContext);
        }
        client = b.build();
        executor = pool;
      }
      return client;
    }
  }

  /**
   * Releases the client: its worker threads stop, and its selector thread and pooled connection end
   * once it is garbage-collected (Java 17's client has no close method). Idempotent.
   */
  void close() {
    synchronized (lock) {
      client = null;
      if (executor != null) {
        executor.shutdown();
        executor = null;
      }
    }
  }
}
