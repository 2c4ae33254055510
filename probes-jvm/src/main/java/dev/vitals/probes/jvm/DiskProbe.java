package dev.vitals.probes.jvm;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Type {@code disk}: the free space of the file system holding {@code path}, as an unprivileged
 * process may use it ({@link FileStore#getUsableSpace()}, the "Available" column of {@code df}).
 * {@code DOWN} below {@code min-free}, {@code DEGRADED} below {@code degraded-free}; {@code DOWN} when
 * the path does not exist or its file system cannot be read. Details {@code freeBytes},
 * {@code totalBytes}, {@code freeRatio}.
 *
 * <p>The file store is looked up on the first run (reading the mount table) and kept while it answers.
 * Thread-safe.
 */
final class DiskProbe extends JvmProbe {

  static final String TYPE = "disk";

  private final Path path;
  private final FreeSpace minFree;
  private final FreeSpace degradedFree;
  private volatile FileStore store;

  DiskProbe(String name, Path path, FreeSpace minFree, FreeSpace degradedFree) {
    super(name, TYPE);
    this.path = path;
    this.minFree = minFree;
    this.degradedFree = degradedFree;
  }

  @Override
  public ProbeResult check() {
    long free;
    long total;
    if (!Files.exists(path)) {
      store = null;
      return ProbeResult.down("path " + path + " does not exist");
    }
    FileStore s = store;
    try {
      if (s == null) {
        s = Files.getFileStore(path);
        store = s;
      }
      free = s.getUsableSpace();
      total = s.getTotalSpace();
    } catch (NoSuchFileException e) {
      store = null;
      return ProbeResult.down("path " + path + " does not exist");
    } catch (IOException | SecurityException e) {
      store = null;
      return ProbeResult.builder(Status.DOWN).message("cannot read the file system of " + path + ": " + e).build();
    }
    double ratio = total > 0 ? (double) free / total : 0.0;
    long min = minFree.bytes(total);
    long degraded = degradedFree.bytes(total);
    String figures = mb(free) + " free of " + mb(total) + " (" + percent(ratio) + ") on the file system of " + path;
    Status status;
    String message;
    if (free < min) {
      status = Status.DOWN;
      message = figures + ": below min-free " + minFree;
    } else if (free < degraded) {
      status = Status.DEGRADED;
      message = figures + ": below degraded-free " + degradedFree;
    } else {
      status = Status.UP;
      message = figures;
    }
    return ProbeResult.builder(status).message(message).detail("freeBytes", free).detail("totalBytes", total)
        .detail("freeRatio", round4(ratio)).build();
  }

  private static String mb(long bytes) {
    return Math.round(bytes / 104_857.6) / 10.0 + " MB";
  }
}
