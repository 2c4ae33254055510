/**
 * Service-provider interfaces for plugins found with {@link java.util.ServiceLoader}: probe types
 * ({@link dev.vitals.api.spi.ProbeFactory}) and exporters ({@link dev.vitals.api.spi.ExporterFactory}),
 * and the key-lookup {@link dev.vitals.api.spi.Config} they read their settings from.
 *
 * <p>A provider is declared in {@code META-INF/services/<interface name>} for class-path users and
 * with {@code provides ... with ...} in its {@code module-info}. A provider that fails to load or
 * throws is logged and skipped by the monitor; it never stops the monitor from starting.
 */
package dev.vitals.api.spi;
