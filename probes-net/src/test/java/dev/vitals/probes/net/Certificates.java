package dev.vitals.probes.net;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Real X.509 certificates for tests, made with BouncyCastle: a CA and the server certificates it signs. */
final class Certificates {

  private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
  private static final char[] KEY_PASSWORD = "key-password".toCharArray();

  private Certificates() {}

  /** A certificate authority. */
  static final class Ca {
    final KeyPair keys;
    final X509Certificate certificate;

    private Ca(KeyPair keys, X509Certificate certificate) {
      this.keys = keys;
      this.certificate = certificate;
    }

    /** A server certificate for 127.0.0.1 and localhost, valid from {@code notBefore} to {@code notAfter}. */
    Server issue(Instant notBefore, Instant notAfter) {
      return issue(notBefore, notAfter, "127.0.0.1", "localhost");
    }

    /** A server certificate valid for the given names (IP literals or DNS names). */
    Server issue(Instant notBefore, Instant notAfter, String... names) {
      KeyPair leaf = keyPair();
      GeneralName[] alt = new GeneralName[names.length];
      for (int i = 0; i < names.length; i++) {
        boolean ip = names[i].matches("[0-9.]+");
        alt[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, names[i]);
      }
      X509Certificate cert = sign(certificate, keys, "CN=" + names[0], leaf, notBefore, notAfter, false, alt);
      return new Server(leaf, new X509Certificate[] {cert, certificate});
    }
  }

  /** A server's key and chain. */
  static final class Server {
    final KeyPair keys;
    final X509Certificate[] chain;

    private Server(KeyPair keys, X509Certificate[] chain) {
      this.keys = keys;
      this.chain = chain;
    }

    /** A TLS context that presents this certificate. */
    SSLContext serverContext() {
      try {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", keys.getPrivate(), KEY_PASSWORD, chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, KEY_PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A new CA valid for ten years around now. */
  static Ca ca(String commonName) {
    KeyPair keys = keyPair();
    Instant now = Instant.now();
    X509Certificate cert = sign(null, keys, "CN=" + commonName, keys, now.minus(Duration.ofDays(1)),
        now.plus(Duration.ofDays(3650)), true);
    return new Ca(keys, cert);
  }

  /** A client TLS context that trusts only the given certificates. */
  static SSLContext trusting(X509Certificate... anchors) {
    try {
      KeyStore ks = trustStore(anchors);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the given certificates to a PEM file. */
  static Path pemFile(Path file, X509Certificate... certificates) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certificates) {
      sb.append("-----BEGIN CERTIFICATE-----\n")
          .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(c.getEncoded()))
          .append("\n-----END CERTIFICATE-----\n");
    }
    Files.writeString(file, sb.toString());
    return file;
  }

  /** Writes a PKCS12 trust store with the given certificates. */
  static Path trustStoreFile(Path file, String password, X509Certificate... anchors) throws Exception {
    KeyStore ks = trustStore(anchors);
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, password.toCharArray());
    }
    return file;
  }

  private static KeyStore trustStore(X509Certificate... anchors) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    for (int i = 0; i < anchors.length; i++) {
      ks.setCertificateEntry("ca-" + i, anchors[i]);
    }
    return ks;
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(256);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509Certificate issuer, KeyPair issuerKeys, String subject, KeyPair subjectKeys,
      Instant notBefore, Instant notAfter, boolean ca, GeneralName... altNames) {
    try {
      X500Name issuerName = issuer == null ? new X500Name(subject)
          : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
          new X500Name(subject), subjectKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(altNames));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a certificate for " + subject, e);
    }
  }
}
