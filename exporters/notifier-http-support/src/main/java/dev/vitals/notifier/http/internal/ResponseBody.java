package dev.vitals.notifier.http.internal;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a response body for an error message: keeps its first {@link #KEEP} bytes, and stops the
 * exchange once more than {@link #MAX} bytes arrived (the connection is then closed rather than
 * drained). One instance serves one request; {@link #cancel()} may be called from any thread.
 */
final class ResponseBody implements HttpResponse.BodyHandler<byte[]> {

  /** Bytes kept for the excerpt. */
  static final int KEEP = 8192;
  /** Bytes read at most before the body is abandoned. */
  static final int MAX = 65536;

  private final AtomicLong received = new AtomicLong();
  private volatile boolean headersReceived;
  private volatile boolean cancelled;
  private volatile Flow.Subscription subscription;

  /** Whether the response headers arrived. */
  boolean headersReceived() {
    return headersReceived;
  }

  /** How many body bytes arrived so far. */
  long received() {
    return received.get();
  }

  /** Abandons the body; safe at any time, from any thread, more than once. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
  }

  @Override
  public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
    headersReceived = true;
    return new Subscriber();
  }

  private final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private boolean done;

    @Override
    public CompletionStage<byte[]> getBody() {
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
        long total = received.addAndGet(n);
        int room = KEEP - kept.size();
        if (room > 0) {
          byte[] chunk = new byte[Math.min(room, n)];
          b.get(chunk);
          kept.write(chunk, 0, chunk.length);
        }
        b.position(b.limit());
        if (total > MAX) {
          done = true;
          subscription.cancel();
          result.complete(kept.toByteArray());
          return;
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
      result.complete(kept.toByteArray());
    }
  }
}
