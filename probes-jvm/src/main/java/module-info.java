/**
 * Process-local probes for Vitals, liveness by default: {@code heartbeat}, {@code deadlock},
 * {@code memory}, {@code disk}, {@code file-descriptors} and {@code threads}, each registered as a
 * {@link dev.vitals.api.spi.ProbeFactory} service. They read the JDK's management beans and the file
 * system, and depend on nothing else.
 */
module dev.vitals.probes.jvm {
  requires transitive dev.vitals.api;
  requires java.management;
  // com.sun.management.UnixOperatingSystemMXBean for open file descriptors; absent from some runtimes
  requires static jdk.management;

  exports dev.vitals.probes.jvm;

  provides dev.vitals.api.spi.ProbeFactory with
      dev.vitals.probes.jvm.HeartbeatProbeFactory,
      dev.vitals.probes.jvm.DeadlockProbeFactory,
      dev.vitals.probes.jvm.MemoryProbeFactory,
      dev.vitals.probes.jvm.DiskProbeFactory,
      dev.vitals.probes.jvm.FileDescriptorsProbeFactory,
      dev.vitals.probes.jvm.ThreadsProbeFactory;
}
