package dev.vitals.notifier.http.internal;

import dev.vitals.api.spi.Config;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;

/**
 * Posts one JSON document to one endpoint, once, within a timeout that covers connecting, the TLS
 * handshake, sending, the response headers and the body. A non-2xx answer, a timeout or a
 * connection failure becomes an {@link IOException} whose message names the notifier, the endpoint's
 * origin and the status with a short excerpt of the body, scrubbed of every secret; the exception
 * chain holds only copies of the JDK's exceptions with scrubbed messages.
 *
 * <p>The {@link HttpClient} is created on the first post and kept, with its connection pool
 * (HTTP/1.1, redirects never followed), its selector thread and at most two worker threads that end
 * after a second idle, named after the User-Agent. {@link #close()} releases them. Thread-safe: posts
 * from several threads share the client.
 */
public final class Delivery implements AutoCloseable {

  /** Characters of a response body shown in an error message, at most (then {@code ...} follows). */
  public static final int EXCERPT = 200;

  private static final AtomicInteger CLIENTS = new AtomicInteger();

  private final String who;
  private final Endpoint endpoint;
  private final Duration timeout;
  private final Scrubber scrubber;
  private final String userAgent;

  private final Object lock = new Object();
  private HttpClient client;
  private ThreadPoolExecutor executor;

  /**
   * A delivery; creates nothing until the first post.
   *
   * @param who how messages name the notifier, such as {@code slack notifier 'ops'}, not null
   * @param endpoint where to post, not null
   * @param timeout the bound of one post, positive, not null
   * @param scrubber removes the notifier's secrets from messages, not null
   * @param userAgent the User-Agent header, such as {@code vitals-notifier-slack}, not null
   */
  public Delivery(String who, Endpoint endpoint, Duration timeout, Scrubber scrubber, String userAgent) {
    this.who = who;
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.scrubber = scrubber;
    this.userAgent = userAgent;
  }

  /**
   * Posts a JSON document ({@code Content-Type: application/json; charset=utf-8}) and waits, at most
   * the timeout, for a 2xx answer. Redirects are not followed.
   *
   * @param json the document, not null
   * @param headers extra request headers, not null; names the JDK client refuses are an error
   * @return the status code, 2xx
   * @throws IOException when the answer is not 2xx (the message names the status and a scrubbed
   *     excerpt of the body), the post timed out (an {@link HttpTimeoutException} naming the phase) or
   *     failed (the message names the cause; the cause chain holds scrubbed copies)
   * @throws InterruptedException when the calling thread is interrupted; the exchange is cancelled
   * @throws IllegalArgumentException if a header name or value is one the JDK client refuses
   */
  public int post(String json, Map<String, String> headers) throws IOException, InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException(who + ": interrupted before sending");
    }
    // the client first: building it (the JDK's SSL context, its classes) is no part of the bound, and on
    // the first post of a loaded machine it can take most of a short timeout
    HttpClient http = client();
    long start = System.nanoTime();
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.uri())
        .timeout(timeout)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("User-Agent", userAgent)
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    headers.forEach(request::header);
    ResponseBody body = new ResponseBody();
    CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request.build(), body);
    HttpResponse<byte[]> response;
    try {
      long left = timeout.toNanos() - (System.nanoTime() - start);
      response = future.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      abandon(future, body);
      throw timedOut(body);
    } catch (InterruptedException e) {
      abandon(future, body);
      throw e;
    } catch (ExecutionException | CancellationException e) {
      body.cancel();
      Throwable cause = unwrap(e);
      if (cause instanceof HttpTimeoutException) {
        throw timedOut(body);
      }
      throw failed(cause);
    }
    int code = response.statusCode();
    if (code >= 200 && code < 300) {
      return code;
    }
    String excerpt = scrubber.excerpt(response.body(), EXCERPT);
    String redirect = code >= 300 && code < 400 ? " (redirects are not followed)" : "";
    throw new IOException(who + ": HTTP " + code + " from " + endpoint.origin() + redirect
        + (excerpt.isEmpty() ? "" : ": " + excerpt));
  }

  private static void abandon(CompletableFuture<?> future, ResponseBody body) {
    future.cancel(true);
    body.cancel();
  }

  private HttpTimeoutException timedOut(ResponseBody body) {
    String phase = body.headersReceived()
        ? "the response body did not end (" + body.received() + " bytes received)"
        : "connect, TLS handshake and response headers did not complete";
    return new HttpTimeoutException(who + ": no complete answer from " + endpoint.origin() + " within "
        + Config.formatDuration(timeout) + " (timeout): " + phase);
  }

  private IOException failed(Throwable cause) {
    String what;
    if (cause instanceof ConnectException && cause.getCause() instanceof UnresolvedAddressException) {
      what = "unknown host '" + endpoint.uri().getHost() + "'";
    } else if (cause instanceof ConnectException) {
      what = "cannot connect" + detail(cause);
    } else if (cause instanceof SSLException) {
      what = "TLS failed" + detail(cause);
    } else {
      what = cause.getClass().getSimpleName() + detail(cause);
    }
    IOException e = new IOException(who + ": post to " + endpoint.origin() + " failed: " + what);
    e.initCause(scrubbedCopy(cause, 0));
    return e;
  }

  private String detail(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? "" : ": " + scrubber.scrub(m);
  }

  /** A copy of an exception chain with scrubbed messages: the JDK's own may name a URL. */
  private Throwable scrubbedCopy(Throwable t, int depth) {
    if (t == null || depth > 4) {
      return null;
    }
    String m = t.getMessage();
    IOException copy = new IOException(t.getClass().getName() + (m == null ? "" : ": " + scrubber.scrub(m)));
    copy.setStackTrace(t.getStackTrace());
    Throwable next = scrubbedCopy(t.getCause(), depth + 1);
    if (next != null) {
      copy.initCause(next);
    }
    return copy;
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private HttpClient client() {
    synchronized (lock) {
      if (client == null) {
        int id = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = r -> {
          Thread t = new Thread(r, userAgent + "-" + id + "-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .executor(pool)
            .build();
        executor = pool;
      }
      return client;
    }
  }

  /**
   * Releases the client: its worker threads stop at once, its selector thread and pooled connection
   * once it is garbage-collected (Java 17's client has no close method). A later post creates a new
   * client. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      client = null;
      if (executor != null) {
        executor.shutdown();
        executor = null;
      }
    }
  }
}
