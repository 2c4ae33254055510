/**
 * SMTP and DNS probes.
 *
 * <ul>
 *   <li>{@link dev.vitals.probes.net.SmtpProbeFactory} builds probes of type {@code smtp}: connect, the 220
 *       banner, EHLO, optionally STARTTLS (or implicit TLS) with certificate expiry, QUIT;</li>
 *   <li>{@link dev.vitals.probes.net.DnsProbeFactory} builds probes of type {@code dns}: one lookup of an
 *       A, AAAA, CNAME or SRV record, optionally compared with expected values.</li>
 * </ul>
 *
 * <p>The factories are the only public types; the probes they build are implementation details, known to
 * users through their type, keys, details and messages (the module's README).
 */
package dev.vitals.probes.net;
