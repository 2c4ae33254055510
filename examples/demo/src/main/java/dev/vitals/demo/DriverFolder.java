package dev.vitals.demo;

import dev.vitals.api.spi.ConfigException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * A folder of extra JDBC driver jars ({@code --drivers DIR} or {@value #KEY}): every {@code *.jar}
 * in it is loaded, and each {@link Driver} the jars declare in {@code META-INF/services/java.sql.Driver}
 * is registered with {@link DriverManager} behind a shim, because {@link DriverManager} hands a
 * connection only to code whose class loader sees the driver's class, and the JDBC probe's does not
 * see a jar loaded here.
 */
final class DriverFolder {

  /** The key that names the folder; {@code --drivers DIR} sets it. */
  static final String KEY = "vitals.demo.drivers";
  private static final String ALLOWED = "a readable folder of JDBC driver jars (*.jar, each declaring its driver in"
      + " META-INF/services/java.sql.Driver)";

  private DriverFolder() {}

  /**
   * Loads the folder's jars and registers their drivers.
   *
   * @param folder the folder, as given
   * @param problems receives what is wrong: not a folder, no jar, a jar without a driver ...
   * @return the class names of the drivers registered
   */
  static List<String> load(String folder, List<String> problems) {
    Path dir;
    try {
      dir = Path.of(folder);
    } catch (InvalidPathException e) {
      problems.add(ConfigException.describe(KEY, folder, ALLOWED));
      return List.of();
    }
    if (!Files.isDirectory(dir) || !Files.isReadable(dir)) {
      problems.add(ConfigException.describe(KEY, folder, ALLOWED + "; this is " + (Files.exists(dir)
          ? (Files.isDirectory(dir) ? "a folder that cannot be read" : "a file") : "not there")));
      return List.of();
    }
    List<URL> jars = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
      for (Path jar : files) {
        if (Files.isRegularFile(jar)) {
          jars.add(jar.toUri().toURL());
        }
      }
    } catch (IOException e) {
      problems.add(ConfigException.describe(KEY, folder, ALLOWED + "; listing it failed: " + e.getMessage()));
      return List.of();
    }
    if (jars.isEmpty()) {
      problems.add(ConfigException.describe(KEY, folder, ALLOWED + "; it holds no .jar file"));
      return List.of();
    }
    jars.sort(java.util.Comparator.comparing(URL::toString));
    // never closed: the drivers' classes are used for as long as the process runs
    URLClassLoader loader = new URLClassLoader("vitals-demo-drivers", jars.toArray(new URL[0]),
        DriverFolder.class.getClassLoader());
    List<String> registered = new ArrayList<>();
    try {
      for (Driver d : ServiceLoader.load(Driver.class, loader)) {
        if (d.getClass().getClassLoader() == loader) {
          DriverManager.registerDriver(new Shim(d));
          registered.add(d.getClass().getName());
        }
      }
    } catch (ServiceConfigurationError | SQLException | LinkageError e) {
      problems.add(ConfigException.describe(KEY, folder, ALLOWED + "; loading a driver failed: " + e.getMessage()));
      return registered;
    }
    if (registered.isEmpty()) {
      problems.add(ConfigException.describe(KEY, folder, ALLOWED + "; none of its " + jars.size()
          + " jar(s) declares a driver the demo does not already have"));
    }
    return registered;
  }

  /** A driver from the folder, registered through a class the JDBC probe's class loader sees. */
  private static final class Shim implements Driver {
    private final Driver driver;

    Shim(Driver driver) {
      this.driver = driver;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
      return driver.connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
      return driver.acceptsURL(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
      return driver.getPropertyInfo(url, info);
    }

    @Override
    public int getMajorVersion() {
      return driver.getMajorVersion();
    }

    @Override
    public int getMinorVersion() {
      return driver.getMinorVersion();
    }

    @Override
    public boolean jdbcCompliant() {
      return driver.jdbcCompliant();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return driver.getParentLogger();
    }

    @Override
    public String toString() {
      return driver.toString();
    }
  }
}
