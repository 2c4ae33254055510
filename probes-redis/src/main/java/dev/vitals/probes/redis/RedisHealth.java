package dev.vitals.probes.redis;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The health rules, shared by every client: reads an INFO reply and decides the status. Immutable
 * and thread-safe.
 *
 * <ul>
 *   <li>{@code used_memory} above {@code memoryDegradedShare} of {@code maxmemory} (when set):
 *       {@code DEGRADED};</li>
 *   <li>a replica whose {@code master_link_status} is {@code down}: {@code replicaLinkDown}
 *       ({@code DEGRADED} by default: it still answers, with data that may be stale);</li>
 *   <li>otherwise {@code UP}. Slowness is the engine's to judge against the budget.</li>
 * </ul>
 */
final class RedisHealth {

  private final double memoryDegradedShare;
  private final Status replicaLinkDown;

  RedisHealth(double memoryDegradedShare, Status replicaLinkDown) {
    this.memoryDegradedShare = memoryDegradedShare;
    this.replicaLinkDown = replicaLinkDown;
  }

  /**
   * Parses an INFO reply into its fields.
   *
   * @param reply the text, lines of {@code key:value} under {@code # Section} headers
   * @return the fields in order; section headers and blank lines are skipped
   */
  static Map<String, String> parseInfo(String reply) {
    if (reply == null) {
      return Collections.emptyMap();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : reply.split("\r?\n")) {
      String l = line.trim();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      int colon = l.indexOf(':');
      if (colon > 0) {
        fields.put(l.substring(0, colon), l.substring(colon + 1));
      }
    }
    return fields;
  }

  /**
   * Decides the result from INFO's fields.
   *
   * @param info the fields of an INFO reply
   * @param client the client, for its target and details
   * @return the result, with details
   */
  ProbeResult evaluate(Map<String, String> info, RedisClient client) {
    Map<String, Object> details = new LinkedHashMap<>();
    putString(details, "version", info.get("redis_version"));
    putString(details, "mode", info.get("redis_mode"));
    String role = info.get("role");
    boolean replica = "slave".equals(role) || "replica".equals(role);
    putString(details, "role", replica ? "replica" : role);
    putLong(details, "uptimeSeconds", info.get("uptime_in_seconds"));
    putLong(details, "connectedClients", info.get("connected_clients"));
    putLong(details, "blockedClients", info.get("blocked_clients"));

    List<String> problems = new ArrayList<>();
    Status status = Status.UP;

    Long used = number(info.get("used_memory"));
    Long max = number(info.get("maxmemory"));
    if (used != null) {
      details.put("usedMemoryBytes", used);
    }
    if (max != null) {
      details.put("maxMemoryBytes", max);
    }
    putString(details, "maxMemoryPolicy", info.get("maxmemory_policy"));
    if (used != null && max != null && max > 0) {
      double share = (double) used / max;
      details.put("memoryShare", Math.round(share * 10_000) / 10_000.0);
      if (share > memoryDegradedShare) {
        status = status.worse(Status.DEGRADED);
        problems.add(String.format(Locale.ROOT,
            "memory used %s is %.1f%% of maxmemory %s, above the %s%% limit (memory-degraded-share)",
            bytes(used), share * 100, bytes(max), trim(memoryDegradedShare * 100)));
      }
    }

    if (replica) {
      String masterHost = info.get("master_host");
      String masterPort = info.get("master_port");
      String link = info.get("master_link_status");
      putString(details, "masterHost", masterHost);
      putLong(details, "masterPort", masterPort);
      putString(details, "masterLinkStatus", link);
      boolean syncing = "1".equals(info.get("master_sync_in_progress"));
      details.put("masterSyncInProgress", syncing);
      if ("up".equals(link)) {
        putLong(details, "masterLastIoSeconds", info.get("master_last_io_seconds_ago"));
      } else {
        Long downFor = number(info.get("master_link_down_since_seconds"));
        if (downFor != null && downFor >= 0) {
          details.put("masterLinkDownSeconds", downFor);
        }
        status = status.worse(replicaLinkDown);
        String since = downFor != null && downFor >= 0 ? " for " + downFor + " s" : "";
        String sync = syncing ? ", initial sync in progress" : "";
        String master = (masterHost == null ? "?" : masterHost) + ":" + (masterPort == null ? "?" : masterPort);
        problems.add("replica's link to master " + master + " is " + (link == null ? "unknown" : link) + since + sync
            + (replicaLinkDown == Status.DOWN
                ? ": its data may be stale (replica-link-down = down)"
                : ": it still answers, with data that may be stale (replica-link-down = degraded)"));
      }
    } else {
      putLong(details, "connectedReplicas", info.get("connected_slaves"));
    }

    ProbeResult.Builder result = ProbeResult.builder(status);
    client.addDetails(result);
    details.forEach(result::detail);
    if (problems.isEmpty()) {
      result.message("redis " + info.getOrDefault("redis_version", "?") + " (" + (replica ? "replica" : role)
          + ") at " + client.target());
    } else {
      result.message(String.join("; ", problems));
    }
    return result.build();
  }

  private static void putString(Map<String, Object> details, String key, String value) {
    if (value != null && !value.isEmpty()) {
      details.put(key, value);
    }
  }

  private static void putLong(Map<String, Object> details, String key, String value) {
    Long n = number(value);
    if (n != null) {
      details.put(key, n);
    }
  }

  private static Long number(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Bytes in binary units: {@code 512 B}, {@code 3.70 MiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
    double v = n;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
  }

  private static String trim(double percent) {
    return percent == Math.rint(percent) ? Long.toString((long) percent) : String.format(Locale.ROOT, "%.1f", percent);
  }
}
