/**
 * The embedded history store, internal to health-core and not exported: {@link
 * dev.vitals.core.internal.history.FileHistoryStore} keeps per-minute figures and status transitions
 * in crash-safe files (checksummed append-only day logs, compacted into deflated day segments),
 * and {@link dev.vitals.core.internal.history.FileHistoryStoreFactory} makes it from
 * {@code vitals.history.dir} and {@code vitals.history.max-size}.
 */
package dev.vitals.core.internal.history;
