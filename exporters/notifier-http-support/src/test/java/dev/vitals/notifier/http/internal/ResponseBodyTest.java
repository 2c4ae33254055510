package dev.vitals.notifier.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The body handler fed as the JDK client feeds it: it keeps the first bytes for an excerpt and
 * abandons a body that grows too long. A real subscription object records what the handler asks of it.
 */
class ResponseBodyTest {

  /** A subscription that records demand and cancellation. */
  static final class RecordedSubscription implements Flow.Subscription {
    long requested;
    boolean cancelled;

    @Override
    public void request(long n) {
      requested += n;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  static final HttpResponse.ResponseInfo INFO = new HttpResponse.ResponseInfo() {
    @Override
    public int statusCode() {
      return 500;
    }

    @Override
    public HttpHeaders headers() {
      return HttpHeaders.of(Map.of(), (a, b) -> true);
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  };

  static List<ByteBuffer> chunk(int size, byte fill) {
    byte[] b = new byte[size];
    Arrays.fill(b, fill);
    return List.of(ByteBuffer.wrap(b));
  }

  static byte[] body(HttpResponse.BodySubscriber<byte[]> s) throws Exception {
    return s.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS);
  }

  @Test
  void aShortBodyIsKeptWhole() throws Exception {
    ResponseBody handler = new ResponseBody();
    assertThat(handler.headersReceived()).isFalse();
    HttpResponse.BodySubscriber<byte[]> s = handler.apply(INFO);
    RecordedSubscription sub = new RecordedSubscription();
    s.onSubscribe(sub);
    s.onNext(List.of(ByteBuffer.wrap("bad ".getBytes()), ByteBuffer.wrap("request".getBytes())));
    s.onComplete();

    assertThat(handler.headersReceived()).isTrue();
    assertThat(sub.requested).isEqualTo(Long.MAX_VALUE);
    assertThat(new String(body(s))).isEqualTo("bad request");
    assertThat(handler.received()).isEqualTo(11);
    assertThat(sub.cancelled).isFalse();
  }

  @Test
  void onlyTheFirstBytesAreKept() throws Exception {
    ResponseBody handler = new ResponseBody();
    HttpResponse.BodySubscriber<byte[]> s = handler.apply(INFO);
    s.onSubscribe(new RecordedSubscription());
    s.onNext(chunk(ResponseBody.KEEP - 10, (byte) 'a'));
    s.onNext(chunk(100, (byte) 'b'));
    s.onComplete();

    byte[] kept = body(s);
    assertThat(kept).hasSize(ResponseBody.KEEP);
    assertThat(kept[ResponseBody.KEEP - 11]).isEqualTo((byte) 'a');
    assertThat(kept[ResponseBody.KEEP - 10]).isEqualTo((byte) 'b');
    assertThat(handler.received()).isEqualTo(ResponseBody.KEEP + 90);
  }

  @Test
  void aBodyLongerThanTheLimitIsAbandonedAndCompletesWithWhatWasKept() throws Exception {
    ResponseBody handler = new ResponseBody();
    HttpResponse.BodySubscriber<byte[]> s = handler.apply(INFO);
    RecordedSubscription sub = new RecordedSubscription();
    s.onSubscribe(sub);
    int chunk = 16 * 1024;
    int sent = 0;
    while (!sub.cancelled) {
      List<ByteBuffer> items = chunk(chunk, (byte) 'x');
      s.onNext(items);
      sent += chunk;
      assertThat(items.get(0).hasRemaining()).as("every buffer is consumed").isFalse();
      assertThat(sent).as("cancelled once more than the limit arrived").isLessThanOrEqualTo(ResponseBody.MAX + chunk);
    }
    assertThat(sent).isGreaterThan(ResponseBody.MAX);
    assertThat(body(s)).hasSize(ResponseBody.KEEP);

    s.onNext(chunk(chunk, (byte) 'y'));
    s.onComplete();
    assertThat(handler.received()).as("nothing is counted after the body was abandoned").isEqualTo(sent);
  }

  @Test
  void cancelBeforeTheBodyStartsCancelsTheSubscriptionAtOnce() {
    ResponseBody handler = new ResponseBody();
    handler.cancel();
    HttpResponse.BodySubscriber<byte[]> s = handler.apply(INFO);
    RecordedSubscription sub = new RecordedSubscription();
    s.onSubscribe(sub);

    assertThat(sub.cancelled).isTrue();
    assertThat(sub.requested).isZero();
  }

  @Test
  void cancelDuringTheBodyCancelsTheSubscriptionAndMayBeRepeated() {
    ResponseBody handler = new ResponseBody();
    HttpResponse.BodySubscriber<byte[]> s = handler.apply(INFO);
    RecordedSubscription sub = new RecordedSubscription();
    s.onSubscribe(sub);
    s.onNext(chunk(10, (byte) 'x'));

    handler.cancel();
    handler.cancel();

    assertThat(sub.cancelled).isTrue();
  }

  @Test
  void anErrorCompletesTheBodyExceptionally() {
    ResponseBody handler = new ResponseBody();
    HttpResponse.BodySubscriber<byte[]> s = handler.apply(INFO);
    s.onSubscribe(new RecordedSubscription());
    IOException reset = new IOException("connection reset");
    s.onError(reset);

    CompletableFuture<byte[]> f = s.getBody().toCompletableFuture();
    assertThat(f).isCompletedExceptionally();
    assertThat(f).failsWithin(java.time.Duration.ZERO).withThrowableOfType(ExecutionException.class)
        .havingCause().isSameAs(reset);
  }
}
