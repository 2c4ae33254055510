/**
 * Types a service and a probe author use: {@link dev.vitals.api.Probe}, {@link dev.vitals.api.ProbeResult},
 * {@link dev.vitals.api.Status}, {@link dev.vitals.api.LatencyBudget}, the {@link dev.vitals.api.Tracker}
 * of the service's own operations, and the immutable reports the engine publishes.
 *
 * <p>Unless a type says otherwise: every value type is immutable and safe to share between threads,
 * no method accepts or returns {@code null} (absence is an {@link java.util.Optional}), durations are
 * {@link java.time.Duration}s or {@code long} nanoseconds when the name ends in {@code Nanos}, and
 * ratios are {@code double}s from 0.0 to 1.0.
 */
package dev.vitals.api;
