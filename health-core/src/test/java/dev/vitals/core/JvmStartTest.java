package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The process's start time from /proc, parsed and compared with the JVM's own start time. */
class JvmStartTest {

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void readsTheStartTicksAfterACommandThatHoldsSpacesAndParentheses() {
    // fields 1 (pid), 2 (comm), then 3 .. 21, then 22 = 4242
    StringBuilder stat = new StringBuilder("1234 (a (b) c) S");
    for (int field = 4; field <= 21; field++) {
      stat.append(' ').append(field);
    }
    stat.append(" 4242 23 24\n");
    assertThat(JvmStart.startTicks(ascii(stat.toString()))).isEqualTo(4242);
    assertThat(JvmStart.startTicks(ascii("no parenthesis"))).isEqualTo(-1);
  }

  @Test
  void readsTheTickRateFromTheAuxiliaryVectorAndFallsBackToUserHz() {
    ByteBuffer auxv = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    auxv.putLong(6).putLong(4096).putLong(17).putLong(250).putLong(0).putLong(0);
    assertThat(JvmStart.clockTicksPerSecond(auxv.array())).isEqualTo(250);
    ByteBuffer without = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
    without.putLong(6).putLong(4096).putLong(0).putLong(0);
    assertThat(JvmStart.clockTicksPerSecond(without.array())).isEqualTo(100);
  }

  @Test
  void readsUptimeInMilliseconds() {
    assertThat(JvmStart.uptimeMillis(ascii("8645.27 17000.10\n"))).isEqualTo(8_645_270);
    assertThat(JvmStart.uptimeMillis(ascii("12.05 1.00\n"))).isEqualTo(12_050);
    assertThat(JvmStart.uptimeMillis(ascii("garbage"))).isEqualTo(-1);
    assertThat(JvmStart.uptimeMillis(ascii("12"))).isEqualTo(-1);
  }

  @Test
  void theStartComesFromProcOnLinuxAndFromTheJvmElsewhere() {
    Instant jvm = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    if (!Files.isReadable(Path.of("/proc/self/stat"))) {
      // not Linux: no /proc, and the monitor uses the JVM's own start time
      assertThat(JvmStart.fromProc()).isNull();
      assertThat(JvmStart.get()).isEqualTo(jvm);
      return;
    }
    Instant proc = JvmStart.fromProc();
    assertThat(proc).as("read from /proc").isNotNull();
    // the process is created before the JVM (launcher, libjvm); both files have 10 ms resolution
    assertThat(proc).isBetween(jvm.minusSeconds(2), jvm.plusMillis(20));
    assertThat(JvmStart.get()).as("what the monitor uses").isBetween(jvm.minusSeconds(2), jvm.plusMillis(20));
  }
}
