package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * HikariCP is optional: the probe, loaded where HikariCP is absent, works with a plain DataSource
 * and with a URL, without linkage errors.
 */
class WithoutHikariTest {

  private static URLClassLoader loaderWithoutHikari() throws Exception {
    List<URL> urls = new ArrayList<>();
    urls.add(Path.of("target", "classes").toUri().toURL());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("health-api-") || name.startsWith("h2-")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    assertThat(urls).hasSize(3);
    return new URLClassLoader("without-hikari", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  @Test
  void theProbeWorksWithAPlainDataSourceAndAUrlWhenHikariIsAbsent() throws Exception {
    try (URLClassLoader loader = loaderWithoutHikari()) {
      assertThatThrownBy(() -> loader.loadClass("com.zaxxer.hikari.HikariDataSource"))
          .isInstanceOf(ClassNotFoundException.class);
      DataSource ds = (DataSource) loader.loadClass("org.h2.jdbcx.JdbcDataSource").getConstructor().newInstance();
      ds.getClass().getMethod("setURL", String.class).invoke(ds, "jdbc:h2:mem:nohikari");
      Class<?> probeType = loader.loadClass("dev.vitals.probes.jdbc.JdbcProbe");

      Object fromDataSource = build(probeType, "dataSource", DataSource.class, ds);
      Object result = probeType.getMethod("check").invoke(fromDataSource);

      assertThat(result.getClass().getClassLoader()).isSameAs(loader);
      assertThat(result.getClass().getMethod("status").invoke(result)).hasToString("UP");
      assertThat(result.toString()).contains("database=H2").doesNotContain("pool");
    }
  }

  private static Object build(Class<?> probeType, String method, Class<?> argType, Object arg) throws Exception {
    Object builder = probeType.getMethod("builder", String.class).invoke(null, "db");
    builder.getClass().getMethod(method, argType).invoke(builder, arg);
    return builder.getClass().getMethod("build").invoke(builder);
  }
}
