/**
 * HTTP(S) and TCP probes.
 *
 * <ul>
 *   <li>{@link dev.vitals.probes.http.HttpProbe}: one request (redirects optionally followed hop by
 *       hop), expected status codes, optional body checks, TLS certificate expiry; configured as
 *       type {@code http} through {@link dev.vitals.probes.http.HttpProbeFactory};</li>
 *   <li>{@link dev.vitals.probes.http.TcpProbe}: a TCP connect within the timeout; configured as type
 *       {@code tcp} through {@link dev.vitals.probes.http.TcpProbeFactory}.</li>
 * </ul>
 *
 * <p>Every other type of this package is an implementation detail.
 */
package dev.vitals.probes.http;
