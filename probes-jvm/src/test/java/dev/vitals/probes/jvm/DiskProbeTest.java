package dev.vitals.probes.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Free space of real file systems: an 8 MB tmpfs filled with real files (when this process may mount
 * one: root on Linux), and the file system the build runs on, with thresholds set from its free space.
 */
class DiskProbeTest {

  @TempDir
  Path tmp;
  private Path mounted;

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      run("umount", mounted.toString());
    }
  }

  private static Probe probe(String... keysAndValues) {
    Map<String, String> m = new HashMap<>();
    m.put("type", "disk");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new DiskProbeFactory().create(ProbeConfig.of("disk", m));
  }

  @Test
  void smallTmpfsFilledWithFilesIsDegradedThenDownAndUpWhenEmptied() throws Exception {
    Path dir = tmp.resolve("fs");
    Files.createDirectory(dir);
    assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir.toString()) == 0,
        "cannot mount a tmpfs here (needs root on Linux); the real-file-system test below still runs");
    mounted = dir;
    Probe p = probe("path", dir.toString(), "min-free", "2MB", "degraded-free", "50%");
    ProbeResult empty = p.check();
    assertThat(empty.status()).isEqualTo(Status.UP);
    assertThat(empty.details()).containsEntry("totalBytes", 8L << 20).containsEntry("freeBytes", 8L << 20)
        .containsEntry("freeRatio", 1.0);

    write(dir.resolve("a"), 5);
    ProbeResult half = p.check();
    assertThat(half.status()).isEqualTo(Status.DEGRADED);
    assertThat(half.details()).containsEntry("freeBytes", 3L << 20);
    assertThat(half.message()).hasValueSatisfying(m -> assertThat(m)
        .isEqualTo("3.0 MB free of 8.0 MB (37.5%) on the file system of " + dir + ": below degraded-free 50%"));

    write(dir.resolve("b"), 2);
    ProbeResult full = p.check();
    assertThat(full.status()).isEqualTo(Status.DOWN);
    assertThat(full.details()).containsEntry("freeBytes", 1L << 20);
    assertThat(full.message()).hasValueSatisfying(m -> assertThat(m).endsWith(": below min-free 2MB"));

    Files.delete(dir.resolve("a"));
    Files.delete(dir.resolve("b"));
    assertThat(p.check().status()).isEqualTo(Status.UP);
  }

  @Test
  void theBuildsFileSystemAgainstThresholdsFromItsFreeSpace() throws Exception {
    FileStore store = Files.getFileStore(tmp);
    long free = store.getUsableSpace();
    String aboveFree = ((free >> 20) + 1024) + "MB";
    ProbeResult down = probe("path", tmp.toString(), "min-free", aboveFree, "degraded-free", aboveFree).check();
    assertThat(down.status()).isEqualTo(Status.DOWN);
    assertThat(down.message()).hasValueSatisfying(m -> assertThat(m).endsWith("below min-free " + aboveFree));
    assertThat((long) down.details().get("totalBytes")).isEqualTo(store.getTotalSpace());

    ProbeResult degraded = probe("path", tmp.toString(), "min-free", "1KB", "degraded-free", aboveFree).check();
    assertThat(degraded.status()).isEqualTo(Status.DEGRADED);

    ProbeResult up = probe("path", tmp.toString(), "min-free", "1KB", "degraded-free", "1KB").check();
    assertThat(up.status()).isEqualTo(Status.UP);
    assertThat((double) up.details().get("freeRatio")).isBetween(0.0, 1.0);
  }

  @Test
  void aPathThatDoesNotExistIsDownSayingSo() throws Exception {
    Path missing = tmp.resolve("no-such-dir");
    ProbeResult r = probe("path", missing.toString()).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).contains("path " + missing + " does not exist"); // the whole message
  }

  @Test
  void aPathRemovedAfterItsFirstRunIsDown() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("data"));
    Probe p = probe("path", dir.toString(), "min-free", "1KB", "degraded-free", "1KB");
    assertThat(p.check().status()).isEqualTo(Status.UP);
    Files.delete(dir);
    ProbeResult gone = p.check();
    assertThat(gone.status()).isEqualTo(Status.DOWN);
    assertThat(gone.message()).contains("path " + dir + " does not exist"); // the whole message
  }

  private static void write(Path file, int mb) throws IOException {
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int i = 0; i < mb; i++) {
        out.write(chunk);
      }
    }
  }

  private static int run(String... command) throws Exception {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1; // no such command
    }
  }
}
