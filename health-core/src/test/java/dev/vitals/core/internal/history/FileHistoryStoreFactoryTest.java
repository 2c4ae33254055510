package dev.vitals.core.internal.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.HistoryStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code file} history store's keys: {@code vitals.history.dir} and {@code vitals.history.max-size}. */
class FileHistoryStoreFactoryTest {

  @TempDir
  Path tmp;

  private final FileHistoryStoreFactory factory = new FileHistoryStoreFactory();

  @Test
  void declaresItsTypeAndKeys() {
    assertThat(factory.type()).isEqualTo("file");
    assertThat(factory.keys()).containsExactlyInAnyOrder("vitals.history.dir", "vitals.history.max-size");
  }

  @Test
  void opensTheStoreInTheConfiguredDirectory() throws Exception {
    Path dir = tmp.resolve("vitals");
    try (HistoryStore store = factory.create(Config.of(Map.of("vitals.history.dir", dir.toString())), "host-1")) {
      assertThat(store.describe()).isEqualTo("file:" + dir.toAbsolutePath());
      assertThat(dir).isDirectory();
    }
  }

  @Test
  void sizesTakeBinaryUnits() {
    assertThat(FileHistoryStoreFactory.parseSize("64MB")).isEqualTo(64L << 20);
    assertThat(FileHistoryStoreFactory.parseSize("512KB")).isEqualTo(512L << 10);
    assertThat(FileHistoryStoreFactory.parseSize("1GB")).isEqualTo(1L << 30);
    assertThat(FileHistoryStoreFactory.parseSize(" 2 gb ")).isEqualTo(2L << 30);
    assertThat(FileHistoryStoreFactory.parseSize("300MiB")).isEqualTo(300L << 20);
    assertThat(FileHistoryStoreFactory.parseSize("1TB")).isEqualTo(1L << 40);
    assertThat(FileHistoryStoreFactory.parseSize("1048576B")).isEqualTo(1L << 20);
    for (String bad : new String[] {"", "MB", "64", "64 M", "1.5GB", "-1MB", "64XB", "99999999999999999999GB"}) {
      assertThat(FileHistoryStoreFactory.parseSize(bad)).as("'%s'", bad).isEqualTo(-1);
    }
  }

  @Test
  void theCapIs256MbByDefault() {
    assertThat(FileHistoryStoreFactory.maxBytes(Config.of(Map.of()))).isEqualTo(256L << 20);
    assertThat(FileHistoryStoreFactory.maxBytes(Config.of(Map.of("vitals.history.max-size", "64MB")))).isEqualTo(64L << 20);
  }

  @Test
  void aBadSizeIsRefusedNamingTheKeyTheValueAndWhatIsAllowed() {
    for (String bad : new String[] {"64", "lots", "1.5GB", "10KB", "2TB"}) {
      assertThatThrownBy(() -> FileHistoryStoreFactory.maxBytes(Config.of(Map.of("vitals.history.max-size", bad))))
          .as("'%s'", bad)
          .isInstanceOf(ConfigException.class)
          .hasMessage("vitals.history.max-size = '" + bad + "' is not allowed: expected " + FileHistoryStoreFactory.SIZE_FORM);
    }
    assertThat(FileHistoryStoreFactory.SIZE_FORM).contains("from 64KB to 1TB").contains("64MB");
  }

  @Test
  void aMissingDirectoryAndABadSizeAreReportedTogether() {
    assertThatThrownBy(() -> factory.create(Config.of(Map.of("vitals.history.max-size", "huge")), "host-1"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "vitals.history.dir is missing: expected the directory of the history store (vitals.history.type = file),"
                + " such as /var/lib/myservice/vitals",
            "vitals.history.max-size = 'huge' is not allowed: expected " + FileHistoryStoreFactory.SIZE_FORM));
  }

  @Test
  void aDirectoryThatCannotBeCreatedFailsNamingIt() throws Exception {
    Path file = java.nio.file.Files.writeString(tmp.resolve("file"), "x");
    Path dir = file.resolve("vitals");
    assertThatThrownBy(() -> factory.create(Config.of(Map.of("vitals.history.dir", dir.toString())), "host-1"))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageContaining("cannot create the history directory " + dir.toAbsolutePath());
  }
}
