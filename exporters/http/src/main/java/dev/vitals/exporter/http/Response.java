package dev.vitals.exporter.http;

import java.nio.charset.StandardCharsets;

/**
 * One finished answer: status code, content type, body bytes and the few extra headers some
 * answers carry. Built once and served many times, by the JDK server and by the servlet alike.
 *
 * <p>Immutable by convention: the body array is never modified after construction and never handed
 * to code that could modify it (adapters only write it out).
 */
final class Response {

  static final String TEXT = "text/plain; charset=utf-8";
  static final String JSON = "application/json";
  static final String HEALTH_JSON = "application/health+json";
  static final String HTML = "text/html; charset=utf-8";
  static final String SVG = "image/svg+xml";

  /** Every answer carries it but badges: a health answer is only true now. */
  static final String CACHE_CONTROL = "no-store";
  /**
   * A badge's: it is embedded in READMEs and wikis, where GitHub's image proxy (camo) and browsers keep
   * an image for as long as its headers allow. {@code no-cache} makes every cache ask again before it
   * shows a kept copy (GitHub's advice for images that change), and {@code max-age=60} says what the
   * badge is worth: its uptime is recomputed at most once a minute.
   */
  static final String BADGE_CACHE_CONTROL = "max-age=60, no-cache";
  /** The only methods served. */
  static final String ALLOW = "GET, HEAD";
  /** For the status page: it needs nothing from anywhere else. */
  static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  final int status;
  final String contentType;
  final byte[] body;
  /** {@code Allow} header value, or null. */
  final String allow;
  /** {@code WWW-Authenticate} header value, or null. */
  final String wwwAuthenticate;
  /** {@code Content-Security-Policy} header value, or null. */
  final String contentSecurityPolicy;
  /** {@code Cache-Control} header value. */
  final String cacheControl;

  Response(int status, String contentType, byte[] body) {
    this(status, contentType, body, null, null, null);
  }

  Response(int status, String contentType, byte[] body, String allow, String wwwAuthenticate,
      String contentSecurityPolicy) {
    this(status, contentType, body, allow, wwwAuthenticate, contentSecurityPolicy, CACHE_CONTROL);
  }

  Response(int status, String contentType, byte[] body, String allow, String wwwAuthenticate,
      String contentSecurityPolicy, String cacheControl) {
    this.status = status;
    this.cacheControl = cacheControl;
    this.contentType = contentType;
    this.body = body;
    this.allow = allow;
    this.wwwAuthenticate = wwwAuthenticate;
    this.contentSecurityPolicy = contentSecurityPolicy;
  }

  static Response text(int status, String text) {
    return new Response(status, TEXT, (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "Response{" + status + ", " + contentType + ", " + body.length + " bytes}";
  }
}
