/**
 * Test support for Vitals users and for Vitals' own modules; nothing here is used at run time.
 *
 * <ul>
 *   <li><b>Time.</b> {@link dev.vitals.test.ManualClock}: the one clock abstraction of Vitals
 *       ({@link dev.vitals.api.Clock}), moved only by the test, with a scheduler it drives and an
 *       inline executor. A monitor given all three runs every check, timeout, window rotation and
 *       notifier backoff inside {@code advance(...)}, so no test sleeps.
 *   <li><b>Compatibility kits</b>, one per SPI, each in its own file: an implementation module's test
 *       extends the kit and inherits the behaviour every implementation must have (timeouts honoured,
 *       failures reported as data, immutable results, the ServiceLoader registration present), instead
 *       of copying tests. {@link dev.vitals.test.ProbeCompatibilityKit} and
 *       {@link dev.vitals.test.ExporterCompatibilityKit} are the first two.
 *   <li><b>Real counterparts</b> for what probes and notifiers talk to: a TCP server that never
 *       answers (a frozen dependency) and an HTTP server that records what it is sent.
 *   <li><b>Checks on output and threads</b>: a strict JSON parser for what exporters write, and a
 *       snapshot of live threads to show that closing leaves none behind.
 * </ul>
 *
 * <p>Rules for what goes here: real parts, no mocks of what Vitals claims to support; no dependency
 * beyond {@code health-api} and the JUnit API (whose version the user's build chooses); public types
 * are documented like the API, since users' tests depend on them.
 */
package dev.vitals.test;
