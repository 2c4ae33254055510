package dev.vitals.probes.http;

import dev.vitals.api.Clock;
import dev.vitals.api.Status;
import java.net.URI;
import java.net.http.HttpResponse;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The certificate check of an https {@link HttpProbe}: the TLS details of a response (protocol, and of
 * the certificate of the chain that expires first: days left, notAfter, subject), {@code DOWN} once it
 * has expired and {@code DEGRADED} when fewer than {@code cert-expiry-days} are left, on the probe's
 * clock. Immutable and thread-safe.
 */
final class CertificateCheck {

  /** What the check found: a status other than {@code UP} and why. */
  static final class Finding {
    final Status status;
    final String message;

    Finding(Status status, String message) {
      this.status = status;
      this.message = message;
    }
  }

  private final int expiryDays;
  private final Clock clock;

  /**
   * @param expiryDays days of validity below which the probe is {@code DEGRADED}
   * @param clock the wall clock the days are counted on
   */
  CertificateCheck(int expiryDays, Clock clock) {
    this.expiryDays = expiryDays;
    this.clock = clock;
  }

  /**
   * Adds the TLS details of an https response.
   *
   * @param response the response
   * @param details where the details go
   * @return the earliest notAfter of the peer's chain, or null for plain http or no X.509 chain
   */
  Instant details(HttpResponse<?> response, Map<String, Object> details) {
    Optional<SSLSession> session = response.sslSession();
    if (session.isEmpty()) {
      return null;
    }
    details.put("tlsProtocol", session.get().getProtocol());
    Certificate[] chain;
    try {
      chain = session.get().getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
    X509Certificate soonest = null;
    for (Certificate c : chain) {
      if (c instanceof X509Certificate) {
        X509Certificate x = (X509Certificate) c;
        if (soonest == null || x.getNotAfter().before(soonest.getNotAfter())) {
          soonest = x;
        }
      }
    }
    if (soonest == null) {
      return null;
    }
    Instant notAfter = soonest.getNotAfter().toInstant();
    Duration left = Duration.between(clock.instant(), notAfter);
    details.put("certExpiresInDays", left.isNegative() ? -1 - left.negated().toDays() : left.toDays());
    details.put("certNotAfter", notAfter.toString());
    details.put("certSubject", soonest.getSubjectX500Principal().getName());
    return notAfter;
  }

  /**
   * Judges the certificate found by {@link #details}.
   *
   * @param notAfter its notAfter, not null
   * @param target the URL it was presented for
   * @param details the details {@link #details} filled
   * @return {@code DOWN} when expired, {@code DEGRADED} when it expires soon, or null when it is fine
   */
  Finding judge(Instant notAfter, URI target, Map<String, Object> details) {
    String host = target.getHost() + ":" + Failures.port(target);
    long days = (long) details.get("certExpiresInDays");
    if (!notAfter.isAfter(clock.instant())) {
      return new Finding(Status.DOWN, "TLS certificate of " + host + " has expired (notAfter " + notAfter + ")");
    }
    if (days < expiryDays) {
      return new Finding(Status.DEGRADED, "TLS certificate of " + host + " expires in " + days + " days (notAfter "
          + notAfter + "), fewer than the " + expiryDays + " of cert-expiry-days");
    }
    return null;
  }
}
