/**
 * SMTP and DNS probes for Vitals: type {@code smtp} ({@link dev.vitals.probes.net.SmtpProbeFactory}: banner,
 * EHLO, STARTTLS and certificate expiry over a plain socket) and type {@code dns}
 * ({@link dev.vitals.probes.net.DnsProbeFactory}: A, AAAA, CNAME and SRV records, through the system
 * resolver or the JDK's JNDI DNS provider). Both are registered as {@link dev.vitals.api.spi.ProbeFactory}
 * services. No dependency beyond the JDK.
 */
module dev.vitals.probes.net {
  requires transitive dev.vitals.api;
  requires java.naming;

  exports dev.vitals.probes.net;

  provides dev.vitals.api.spi.ProbeFactory with
      dev.vitals.probes.net.SmtpProbeFactory,
      dev.vitals.probes.net.DnsProbeFactory;
}
