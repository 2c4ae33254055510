/**
 * Service-provider interfaces for plugins found with {@link java.util.ServiceLoader}: probe types
 * ({@link dev.vitals.api.spi.ProbeFactory}), exporters ({@link dev.vitals.api.spi.ExporterFactory}) and
 * notifiers ({@link dev.vitals.api.spi.NotifierFactory}, with the {@link dev.vitals.api.spi.NotifierRouting}
 * each type declares as its default), the key-lookup {@link dev.vitals.api.spi.Config}
 * they read their settings from, the alert rules' settings ({@link dev.vitals.api.spi.AlertRuleSettings})
 * for an exporter that writes rules for another system, and the one JSON string rule
 * ({@link dev.vitals.api.spi.JsonText}) every plugin that writes JSON shares.
 *
 * <p>A provider is declared in {@code META-INF/services/<interface name>} for class-path users and
 * with {@code provides ... with ...} in its {@code module-info}. A provider that fails to load or
 * throws is logged and skipped by the monitor; it never stops the monitor from starting.
 */
package dev.vitals.api.spi;
