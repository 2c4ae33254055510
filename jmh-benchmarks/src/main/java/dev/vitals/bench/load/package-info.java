/**
 * Load tests of {@code /health} on loopback: Vitals' endpoint while a dependency hangs, beside Dropwizard
 * Metrics' {@code HealthCheckRegistry} with cached results and a server answering a fixed byte array,
 * all behind the same JDK {@code HttpServer}; and the start-up race to a first {@code /health} answer.
 * Run with {@code java -cp jmh-benchmarks/target/benchmarks.jar dev.vitals.bench.load.LoadTest --short}
 * and {@code ... dev.vitals.bench.load.StartupRace}. See {@code docs/performance.md}.
 */
package dev.vitals.bench.load;
