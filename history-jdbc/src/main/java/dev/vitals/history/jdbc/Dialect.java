package dev.vitals.history.jdbc;

import java.util.Locale;

/**
 * What differs between the databases the store supports: the binary column type and whether
 * {@code CREATE ... IF NOT EXISTS} may be written. Picked from
 * {@link java.sql.DatabaseMetaData#getDatabaseProductName()}.
 */
enum Dialect {
  POSTGRESQL("BYTEA", true, true),
  /** MySQL and MariaDB: a BLOB is kept off the row; MySQL has no {@code CREATE INDEX IF NOT EXISTS}. */
  MYSQL("BLOB", true, false),
  H2("VARBINARY(8192)", true, true),
  /** Any other database: standard SQL, and "already exists" is caught and checked. */
  OTHER("BLOB", false, false);

  final String binary;
  final boolean tableIfNotExists;
  final boolean indexIfNotExists;

  Dialect(String binary, boolean tableIfNotExists, boolean indexIfNotExists) {
    this.binary = binary;
    this.tableIfNotExists = tableIfNotExists;
    this.indexIfNotExists = indexIfNotExists;
  }

  static Dialect of(String productName) {
    String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (p.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (p.contains("mysql") || p.contains("mariadb")) {
      return MYSQL;
    }
    if (p.equals("h2")) {
      return H2;
    }
    return OTHER;
  }

  /**
   * A text column that identifies rows (instance, subject, key): compared byte for byte. MySQL's and
   * MariaDB's default collations ignore case, so {@code probe.DB} would match {@code probe.db} there.
   */
  String key(int length) {
    return "VARCHAR(" + length + ")" + (this == MYSQL ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : "");
  }

  String createTable(String table, String columns) {
    return "CREATE TABLE " + (tableIfNotExists ? "IF NOT EXISTS " : "") + table + " (" + columns + ")";
  }

  String createIndex(String index, String table, String columns) {
    return "CREATE INDEX " + (indexIfNotExists ? "IF NOT EXISTS " : "") + index + " ON " + table + " (" + columns + ")";
  }
}
