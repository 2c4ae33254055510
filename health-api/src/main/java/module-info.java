/**
 * The Vitals API: what a probe author implements ({@link dev.vitals.api.Probe}), what the engine
 * reports ({@link dev.vitals.api.HealthReport}) and the service-provider interfaces that
 * plugins implement ({@link dev.vitals.api.spi}). Depends on nothing but {@code java.base}.
 */
module dev.vitals.api {
  exports dev.vitals.api;
  exports dev.vitals.api.spi;
}
