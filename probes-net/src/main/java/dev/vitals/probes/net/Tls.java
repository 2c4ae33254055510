package dev.vitals.probes.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for the SMTP probe: the trust (the JVM's trust store or certificates from a PEM file), a context per
 * check whose trust manager remembers the chain the server presented (so an expired certificate is reported
 * with its notAfter although the handshake failed), and messages for failed handshakes.
 */
final class Tls {

  private final X509ExtendedTrustManager trust;

  private Tls(X509ExtendedTrustManager trust) {
    this.trust = trust;
  }

  /** The JVM's default trust store. */
  static Tls jvmDefault() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      return new Tls(x509(tmf));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JVM's default trust store cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Trusts the certificates of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks).
   *
   * @throws IllegalArgumentException saying what is wrong with the file
   */
  static Tls pem(Path file) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(file)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("a PEM file of trusted certificates (it does not exist)");
    } catch (IOException e) {
      throw new IllegalArgumentException("a readable PEM file of trusted certificates (" + e + ")");
    } catch (CertificateException e) {
      throw new IllegalArgumentException("a PEM file of X.509 certificates (" + e.getMessage() + ")");
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("a PEM file with at least one certificate (BEGIN CERTIFICATE)");
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certificates) {
        ks.setCertificateEntry("trusted-" + i++, c);
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      return new Tls(x509(tmf));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("usable trusted certificates (" + e.getMessage() + ")");
    }
  }

  private static X509ExtendedTrustManager x509(TrustManagerFactory tmf) {
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager) {
        return (X509ExtendedTrustManager) tm;
      }
    }
    throw new IllegalStateException("no X.509 trust manager in " + tmf.getAlgorithm());
  }

  /** A context for one check, remembering the presented chain in {@code seen}. */
  SSLContext context(Recorder seen) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new Recording(trust, seen)}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** The chain the server presented in one check. */
  static final class Recorder {
    X509Certificate[] chain;
  }

  /** Delegates every decision; only remembers the server's chain. */
  private static final class Recording extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager delegate;
    private final Recorder seen;

    Recording(X509ExtendedTrustManager delegate, Recorder seen) {
      this.delegate = delegate;
      this.seen = seen;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      seen.chain = chain.clone();
      delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      seen.chain = chain.clone();
      delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      seen.chain = chain.clone();
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }

  /** The certificate of a chain that expires first, or null. */
  static X509Certificate soonest(X509Certificate[] chain) {
    X509Certificate soonest = null;
    if (chain != null) {
      for (X509Certificate x : chain) {
        if (soonest == null || x.getNotAfter().before(soonest.getNotAfter())) {
          soonest = x;
        }
      }
    }
    return soonest;
  }

  /**
   * Describes a failed handshake.
   *
   * @param error what the handshake threw
   * @param where {@code host:port}
   * @return a message such as {@code TLS certificate of 127.0.0.1:25 has expired (...)}
   */
  static String describe(IOException error, String where) {
    Throwable expired = find(error, CertificateExpiredException.class);
    if (expired != null || expiredPath(error)) {
      return "TLS certificate of " + where + " has expired"
          + (expired != null && expired.getMessage() != null ? " (" + expired.getMessage() + ")" : "");
    }
    Throwable notYet = find(error, CertificateNotYetValidException.class);
    if (notYet != null) {
      return "TLS certificate of " + where + " is not valid yet (" + notYet.getMessage() + ")";
    }
    String text = allMessages(error).toLowerCase(Locale.ROOT);
    if (text.contains("unable to find valid certification path") || text.contains("pkix path building failed")) {
      return "TLS certificate of " + where + " is not trusted: no certification path to a trusted root"
          + " (set trust-certificates for a private CA)";
    }
    if (text.contains("no subject alternative") || text.contains("no name matching")) {
      return "TLS certificate of " + where + " does not match the host name: " + firstMessage(error);
    }
    if (error instanceof SSLHandshakeException || find(error, SSLException.class) != null) {
      return "TLS handshake with " + where + " failed: " + firstMessage(error);
    }
    return "TLS handshake with " + where + " failed: " + error;
  }

  private static boolean expiredPath(Throwable error) {
    for (Throwable c = error; c != null; c = c.getCause()) {
      if (c instanceof CertPathValidatorException
          && ((CertPathValidatorException) c).getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
        return true;
      }
    }
    return false;
  }

  private static Throwable find(Throwable error, Class<? extends Throwable> type) {
    int depth = 0;
    for (Throwable c = error; c != null && depth < 20; c = c.getCause(), depth++) {
      if (type.isInstance(c)) {
        return c;
      }
    }
    return null;
  }

  private static String firstMessage(Throwable error) {
    int depth = 0;
    for (Throwable c = error; c != null && depth < 20; c = c.getCause(), depth++) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        return c.getMessage();
      }
    }
    return error.getClass().getSimpleName();
  }

  private static String allMessages(Throwable error) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (Throwable c = error; c != null && depth < 20; c = c.getCause(), depth++) {
      if (c.getMessage() != null) {
        sb.append(c.getMessage()).append(' ');
      }
    }
    return sb.toString();
  }
}
