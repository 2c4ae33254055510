package dev.vitals.exporter.prometheus;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** Finds tools outside Maven; skips the test on a developer machine without them, fails on CI. */
final class Tools {

  private Tools() {}

  /**
   * The path of an executable on the PATH.
   *
   * @param name the executable
   * @param debianPackage the Debian package that installs it
   * @return its path; the calling test is skipped (or failed when CI=true) when it is missing
   */
  static String require(String name, String debianPackage) {
    Optional<Path> found = find(name);
    if (found.isEmpty()) {
      String message = name + " not found on PATH: install the Debian package " + debianPackage
          + " (apt-get install -y " + debianPackage + ")";
      if ("true".equals(System.getenv("CI"))) {
        fail(message + " (CI=true, so this is a failure, not a skip)");
      }
      Assumptions.abort(message);
    }
    return found.get().toString();
  }

  private static Optional<Path> find(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
