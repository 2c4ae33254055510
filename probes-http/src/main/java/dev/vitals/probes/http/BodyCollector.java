package dev.vitals.probes.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one response body: to its end, keeping at most {@code limit} bytes (none when the probe has
 * no body check), and stopping the exchange when a kept body would grow past the limit. One instance
 * serves one request; {@link #cancel()} may be called from any thread to abandon it, which closes the
 * connection under an unfinished body.
 */
final class BodyCollector implements HttpResponse.BodyHandler<BodyCollector.Body> {

  private final int limit;
  private final AtomicLong received = new AtomicLong();
  private volatile boolean headersReceived;
  private volatile boolean cancelled;
  private volatile Flow.Subscription subscription;

  /**
   * A collector.
   *
   * @param limit how many bytes to keep; 0 to keep none and only count
   */
  BodyCollector(int limit) {
    this.limit = limit;
  }

  /** A received body. */
  static final class Body {
    private final byte[] bytes;
    private final Charset charset;
    private final long length;
    private final boolean tooLarge;

    Body(byte[] bytes, Charset charset, long length, boolean tooLarge) {
      this.bytes = bytes;
      this.charset = charset;
      this.length = length;
      this.tooLarge = tooLarge;
    }

    /** The body as text, decoded with the charset of its Content-Type (UTF-8 when none). */
    String text() {
      return new String(bytes, charset);
    }

    /** How many bytes were received. */
    long length() {
      return length;
    }

    /** Whether the body was abandoned because it grew past the limit. */
    boolean tooLarge() {
      return tooLarge;
    }
  }

  /** Whether the response headers arrived, so a timeout happened while reading the body. */
  boolean headersReceived() {
    return headersReceived;
  }

  /** How many body bytes arrived so far. */
  long received() {
    return received.get();
  }

  /** Abandons the body; safe to call at any time, from any thread, more than once. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public HttpResponse.BodySubscriber<Body> apply(HttpResponse.ResponseInfo info) {
    headersReceived = true;
    return new Subscriber(charsetOf(info.headers()));
  }

  static Charset charsetOf(HttpHeaders headers) {
    String type = headers.firstValue("Content-Type").orElse("");
    for (String param : type.split(";")) {
      String p = param.trim();
      if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
        String name = p.substring("charset=".length()).trim().replace("\"", "");
        try {
          return Charset.forName(name);
        } catch (IllegalArgumentException e) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<Body> {
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private final Charset charset;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean done;

    Subscriber(Charset charset) {
      this.charset = charset;
    }

    @Override
    public CompletionStage<Body> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (cancelled) {
        s.cancel();
      } else {
        s.request(Long.MAX_VALUE);
      }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (done) {
        return;
      }
      for (ByteBuffer b : items) {
        int n = b.remaining();
        received.addAndGet(n);
        if (limit > 0) {
          if (kept.size() + (long) n > limit) {
            done = true;
            subscription.cancel();
            result.complete(new Body(new byte[0], charset, received.get(), true));
            return;
          }
          byte[] chunk = new byte[n];
          b.get(chunk);
          kept.write(chunk, 0, n);
        } else {
          b.position(b.limit());
        }
      }
    }

    @Override
    public void onError(Throwable error) {
      done = true;
      result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      done = true;
      result.complete(new Body(kept.toByteArray(), charset, received.get(), false));
    }
  }
}
