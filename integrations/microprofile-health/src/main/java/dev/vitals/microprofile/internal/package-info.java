/**
 * The CDI beans of the MicroProfile Health adapter: the producer of the {@code HealthMonitor}, the
 * decorator that answers adapted checks from Vitals' report, and the checks that show Vitals' own probes.
 * No part of the API: applications never name these classes (they are public only because CDI
 * containers and Quarkus' build-time processing need to reach them).
 *
 * <p><b>Threading.</b> A {@code HealthCheck} adapted into a probe is called only on Vitals' worker
 * threads (marked with {@link dev.vitals.microprofile.internal.ProbeCalls}); every other call (SmallRye
 * Health's request thread) reads {@code HealthMonitor.report()}, a volatile read that never blocks.
 */
package dev.vitals.microprofile.internal;
