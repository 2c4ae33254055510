package dev.vitals.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@value #HEADER} header: {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact body
 * bytes, keyed with the UTF-8 bytes of the configured {@code secret}. Immutable and thread-safe (a
 * {@link Mac} is made per signature).
 */
final class Signature {

  /** The header that carries the signature. */
  static final String HEADER = "X-Vitals-Signature";

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final SecretKeySpec key;

  Signature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The header value for a body. */
  String sign(String body) {
    byte[] mac;
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      mac = m.doFinal(body.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform has HmacSHA256", e);
    }
    StringBuilder sb = new StringBuilder("sha256=");
    for (byte b : mac) {
      sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return "Signature[****]";
  }
}
