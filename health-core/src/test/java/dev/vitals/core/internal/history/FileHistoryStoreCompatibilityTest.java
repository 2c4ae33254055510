package dev.vitals.core.internal.history;

import dev.vitals.api.spi.HistoryStore;
import dev.vitals.test.HistoryStoreCompatibilityKit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The file store meets the history-store kit. */
class FileHistoryStoreCompatibilityTest extends HistoryStoreCompatibilityKit {

  @TempDir
  Path tmp;

  private Path dir;

  @Override
  protected HistoryStore openFresh() throws IOException {
    dir = Files.createTempDirectory(tmp, "history");
    return FileHistoryStore.open(dir, 256L << 20);
  }

  @Override
  protected HistoryStore reopen() throws IOException {
    return FileHistoryStore.open(dir, 256L << 20);
  }
}
