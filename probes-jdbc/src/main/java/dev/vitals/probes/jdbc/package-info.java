/**
 * A JDBC probe: {@link dev.vitals.probes.jdbc.JdbcProbe} for code, and
 * {@link dev.vitals.probes.jdbc.JdbcProbeFactory} for configuration ({@code type = jdbc}).
 */
package dev.vitals.probes.jdbc;
