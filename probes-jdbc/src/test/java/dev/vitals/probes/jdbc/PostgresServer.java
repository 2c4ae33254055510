package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;

/**
 * A real PostgreSQL server (zonky's embedded binaries) for the tests of probes-jdbc and, through this
 * module's test jar, history-jdbc, with a role
 * {@value #USER} that logs in with a password over TCP (scram-sha-256), so wrong credentials
 * really fail. Can freeze every server process with SIGSTOP and thaw it with SIGCONT.
 */
public final class PostgresServer {

  public static final String USER = "probe";
  public static final String PASSWORD = "pg-S3cr3t!pw";
  public static final String DATABASE = "app";

  private static PostgresServer shared;

  private final Path dataDirectory;
  private final int port;
  private volatile EmbeddedPostgres pg;

  private PostgresServer(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    this.pg = startPostmaster(dataDirectory, 0);
    this.port = pg.getPort();
  }

  /**
   * The server shared by every test class in this JVM, started on first use (initdb takes seconds)
   * and stopped when the JVM exits. Its data directory lives under target/ and survives
   * {@link #stop()}, so {@link #restart()} needs no new initdb.
   */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      try {
        Path dir = Files.createDirectories(Path.of("target", "embedded-pg")).toAbsolutePath();
        shared = new PostgresServer(Files.createTempDirectory(dir, "data-"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      shared.requirePasswords();
      PostgresServer server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndDelete, "postgres-server-cleanup"));
    }
    return shared;
  }

  private static EmbeddedPostgres startPostmaster(Path dataDirectory, int port) {
    try {
      EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .setServerConfig("max_connections", "60")
          .setServerConfig("fsync", "off");
      if (port > 0) {
        b.setPort(port);
      }
      return b.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server (pg_ctl stop -m fast); its data directory stays for {@link #restart()}. */
  public void stop() {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the stopped server again on the same port and data directory. */
  public void restart() {
    pg = startPostmaster(dataDirectory, port);
  }

  private void stopAndDelete() {
    Optional<ProcessHandle> postmaster = Optional.empty();
    try {
      postmaster = ProcessHandle.of(postmasterPid());
    } catch (RuntimeException alreadyStopped) {
      // no postmaster.pid: nothing to wait for
    }
    stop();
    // zonky's own shutdown hook may be stopping it at the same time: wait until it has exited.
    postmaster.ifPresent(p -> {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        // delete what can be deleted
      }
    });
    try (Stream<Path> files = Files.walk(dataDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a directory left under target/ goes with mvn clean
    }
  }

  /** Creates the role and database if missing, and makes TCP logins other than postgres use passwords. */
  private void requirePasswords() {
    try (Connection c = superuser().getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'")) {
        if (!rs.next()) {
          s.execute("SET password_encryption = 'scram-sha-256'");
          s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
          s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
      }
      Path hba = Path.of(queryString("SHOW hba_file"));
      Files.writeString(hba, String.join("\n",
          "local all all trust",
          "host all postgres 127.0.0.1/32 trust",
          "host all postgres ::1/128 trust",
          "host all all 127.0.0.1/32 scram-sha-256",
          "host all all ::1/128 scram-sha-256",
          ""), StandardCharsets.UTF_8);
      s.execute("SELECT pg_reload_conf()");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The reload is asynchronous: wait until a wrong password is refused.
    Awaitility.await("pg_hba.conf reloaded").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> {
          try {
            DriverManager.getConnection(url(DATABASE), USER, "not-the-password").close();
            return false;
          } catch (SQLException e) {
            return "28P01".equals(e.getSQLState());
          }
        });
  }

  public int port() {
    return port;
  }

  public String url(String database) {
    return "jdbc:postgresql://localhost:" + port() + "/" + database;
  }

  /** A DataSource for the superuser, who logs in without a password. */
  public DataSource superuser() {
    return pg.getPostgresDatabase();
  }

  public String queryString(String sql) {
    try (Connection c = superuser().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
  /** The first column of the first row of a query in {@link #DATABASE}, as the superuser. */
  public String queryInApp(String sql) {
    try (Connection c = DriverManager.getConnection(url(DATABASE), "postgres", "");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a statement in {@link #DATABASE} as the superuser. */
  public void executeInApp(String sql) {
    try (Connection c = DriverManager.getConnection(url(DATABASE), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Client backends connected with this application_name. */
  public int connections(String applicationName) {
    try (Connection c = superuser().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
            + " WHERE application_name = ? AND backend_type = 'client backend' AND pid <> pg_backend_pid()")) {
      s.setString(1, applicationName);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The postmaster's pid, from postmaster.pid in the data directory. */
  public long postmasterPid() {
    try {
      return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stops the postmaster with SIGSTOP (so it forks nothing more), then every process below it:
   * backends, checkpointer, walwriter ... Close the result (try-with-resources) to send SIGCONT to
   * all of them. If stopping fails part way, what was stopped is continued before this throws.
   */
  public Frozen freeze() {
    Frozen frozen = new Frozen();
    try {
      long postmaster = postmasterPid();
      frozen.stop(postmaster);
      ProcessHandle.of(postmaster).orElseThrow(() -> new IllegalStateException("no postmaster " + postmaster))
          .descendants().forEach(p -> frozen.stop(p.pid()));
      return frozen;
    } catch (RuntimeException e) {
      frozen.close();
      throw e;
    }
  }

  /** Processes stopped with SIGSTOP; {@link #close()} continues them. */
  public static final class Frozen implements AutoCloseable {
    private final List<Long> pids = new ArrayList<>();

    private void stop(long pid) {
      if (signal("-STOP", pid)) {
        pids.add(pid);
      }
    }

    public List<Long> pids() {
      return List.copyOf(pids);
    }

    @Override
    public void close() {
      for (long pid : pids) {
        signal("-CONT", pid);
      }
    }
  }

  /** Sends a signal with kill(1); false when the process is already gone. */
  private static boolean signal(String signal, long pid) {
    try {
      Process p = new ProcessBuilder("kill", signal, Long.toString(pid)).redirectErrorStream(true).start();
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("kill %s %s finished", signal, pid).isTrue();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0 && ProcessHandle.of(pid).isEmpty()) {
        return false;
      }
      assertThat(p.exitValue()).as("kill %s %s: %s", signal, pid, out).isZero();
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
