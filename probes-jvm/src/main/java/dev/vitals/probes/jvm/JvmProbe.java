package dev.vitals.probes.jvm;

import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeKind;
import java.time.Duration;

/** What every probe of this module shares: name, type and the suggested settings (10 s, 1 s, liveness). */
abstract class JvmProbe implements Probe {

  /** The interval every type suggests. */
  static final Duration INTERVAL = Duration.ofSeconds(10);
  /** The timeout every type suggests: the checks take microseconds. */
  static final Duration TIMEOUT = Duration.ofSeconds(1);

  private static final ProbeDefaults DEFAULTS = ProbeDefaults.builder()
      .interval(INTERVAL).timeout(TIMEOUT).kinds(ProbeKind.LIVENESS).build();

  private final String name;
  private final String type;

  JvmProbe(String name, String type) {
    this.name = Names.check(name, "probe");
    this.type = type;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String type() {
    return type;
  }

  /** Liveness, every 10 s, within 1 s; configuration overrides each. */
  @Override
  public final ProbeDefaults defaults() {
    return DEFAULTS;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name + "]";
  }

  /** A ratio as a percentage with one decimal, for messages: {@code 91.3%}. */
  static String percent(double ratio) {
    return Math.round(ratio * 1000.0) / 10.0 + "%";
  }

  /** A ratio rounded to four decimals, for details. */
  static double round4(double ratio) {
    return Math.round(ratio * 10_000.0) / 10_000.0;
  }
}
