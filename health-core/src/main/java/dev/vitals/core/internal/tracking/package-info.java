/**
 * The engine's measuring parts, internal to health-core and not exported: {@link
 * dev.vitals.core.internal.tracking.LatencyTracker} (windowed counts, errors and latency
 * percentiles, recorded without locks or allocation), {@link
 * dev.vitals.core.internal.tracking.AvailabilityTracker} (share of time available over 1h, 24h, 7d
 * and 30d) and {@link dev.vitals.core.internal.tracking.StatusHistory} (the latest status
 * transitions).
 */
package dev.vitals.core.internal.tracking;
