/**
 * Process-local probes, of kind {@code liveness} by default: each checks the process it runs in and
 * nothing it depends on, so that a liveness group made of them restarts a process only for what a
 * restart can cure.
 *
 * <ul>
 *   <li>{@link dev.vitals.probes.jvm.HeartbeatProbeFactory} ({@code heartbeat}): the monitor's own
 *       scheduler and probe pool run on time;</li>
 *   <li>{@link dev.vitals.probes.jvm.DeadlockProbeFactory} ({@code deadlock}): no threads deadlocked;</li>
 *   <li>{@link dev.vitals.probes.jvm.MemoryProbeFactory} ({@code memory}): heap live after GC and GC time
 *       share;</li>
 *   <li>{@link dev.vitals.probes.jvm.DiskProbeFactory} ({@code disk}): free space of a file system;</li>
 *   <li>{@link dev.vitals.probes.jvm.FileDescriptorsProbeFactory} ({@code file-descriptors}): open file
 *       descriptors against the limit;</li>
 *   <li>{@link dev.vitals.probes.jvm.ThreadsProbeFactory} ({@code threads}): live threads against a
 *       maximum.</li>
 * </ul>
 *
 * <p>Every probe is cheap (management beans looked up once, no allocation-heavy work per run),
 * suggests a 10 s interval, a 1 s timeout and the liveness kind, and reports its figures as details.
 * The factories are the only public types; the probes are implementation details.
 */
package dev.vitals.probes.jvm;
