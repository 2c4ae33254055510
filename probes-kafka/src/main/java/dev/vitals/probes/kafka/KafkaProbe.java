package dev.vitals.probes.kafka;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The kafka probe: describes the cluster (id, controller, brokers) and, when a topic is configured, checks
 * that each of its partitions has a leader and enough in-sync replicas.
 *
 * <p>One {@link Admin} client per probe, created at the first run (so a cluster that is down at start-up
 * is reported, not fatal), reused by every run, and closed by {@link #close()}. Every client limit and
 * every call's own timeout is below the probe's timeout. The engine runs one check at a time; {@link #close()}
 * may come from another thread.
 */
final class KafkaProbe implements Probe, AutoCloseable {

  static final String TYPE = "kafka";

  private final KafkaSettings settings;
  private final Object lock = new Object();
  /** Guarded by {@link #lock}. */
  private Admin admin;
  /** Guarded by {@link #lock}. */
  private boolean closed;

  KafkaProbe(KafkaSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return settings.name;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public ProbeResult check() throws InterruptedException {
    long start = System.nanoTime();
    long callNanos = TimeUnit.MILLISECONDS.toNanos(settings.callMillis);
    long engineDeadline = start + settings.timeout.toNanos();
    Admin client;
    boolean fresh = false;
    synchronized (lock) {
      if (closed) {
        return ProbeResult.down("the probe is closed");
      }
      if (admin == null) {
        try {
          admin = Admin.create(settings.clientProperties);
        } catch (RuntimeException e) {
          return down("cannot create the Kafka client for " + settings.serversText() + ": "
              + Failures.text(Failures.unwrap(e)), e);
        }
        fresh = true;
      }
      client = admin;
    }
    int timeoutMs = settings.callMillis;
    // every call starts now, in parallel: the run takes as long as the slowest, not their sum
    DescribeClusterResult cluster = client.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
    KafkaFuture<TopicDescription> topic = null;
    KafkaFuture<Map<ConfigResource, Config>> topicConfig = null;
    ConfigResource resource = null;
    if (settings.topic != null) {
      topic = client.describeTopics(List.of(settings.topic), new DescribeTopicsOptions().timeoutMs(timeoutMs))
          .topicNameValues().get(settings.topic);
      if (settings.minIsr == null) {
        resource = new ConfigResource(ConfigResource.Type.TOPIC, settings.topic);
        topicConfig = client.describeConfigs(List.of(resource), new DescribeConfigsOptions().timeoutMs(timeoutMs)).all();
      }
    }

    String clusterId;
    Node controller;
    Collection<Node> nodes;
    try {
      clusterId = await(cluster.clusterId(), start, callNanos);
      controller = await(cluster.controller(), start, callNanos);
      nodes = await(cluster.nodes(), start, callNanos);
    } catch (Failed e) {
      return failure("the cluster's description", e.cause, engineDeadline);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("clusterId", clusterId == null ? "" : clusterId);
    details.put("controller", node(controller));
    details.put("brokers", nodes.size());
    // the first run connects (and authenticates): the engine keeps it out of the latency figures
    Duration connect = fresh ? Duration.ofNanos(System.nanoTime() - start) : null;
    if (topic == null) {
      return result(Status.UP, "cluster " + clusterId + ": " + nodes.size() + (nodes.size() == 1 ? " broker" : " brokers"),
          details, connect);
    }
    String what = "the description of topic '" + settings.topic + "'";
    TopicDescription description;
    try {
      description = await(topic, start, callNanos);
    } catch (Failed e) {
      if (e.cause instanceof UnknownTopicOrPartitionException) {
        return result(Status.DOWN, "topic '" + settings.topic + "' does not exist on cluster " + clusterId
            + " (" + settings.serversText() + ")", details, connect);
      }
      return failure(what, e.cause, engineDeadline);
    }
    int minIsr;
    String minIsrFrom;
    if (settings.minIsr != null) {
      minIsr = settings.minIsr;
      minIsrFrom = "configured";
    } else {
      try {
        Config c = await(topicConfig, start, callNanos).get(resource);
        ConfigEntry entry = c == null ? null : c.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        minIsr = entry == null || entry.value() == null ? 1 : Integer.parseInt(entry.value());
        minIsrFrom = entry == null || entry.value() == null ? "default" : "topic";
      } catch (Failed e) {
        if (!(e.cause instanceof AuthorizationException)) {
          return failure("the configuration of topic '" + settings.topic + "'", e.cause, engineDeadline);
        }
        minIsr = 1;
        minIsrFrom = "default (not authorized to read the topic's min.insync.replicas)";
      } catch (NumberFormatException e) {
        minIsr = 1;
        minIsrFrom = "default";
      }
    }
    return partitions(details, connect, description, minIsr, minIsrFrom, clusterId);
  }

  private ProbeResult result(Status status, String message, Map<String, Object> details, Duration connect) {
    ProbeResult.Builder b = ProbeResult.builder(status).message(message);
    details.forEach(b::detail);
    if (connect != null) {
      b.connectTime(connect);
    }
    return scrub(b.build());
  }

  /** Counts the topic's partitions: without a leader (DOWN), below the minimum of in-sync replicas (DEGRADED). */
  private ProbeResult partitions(Map<String, Object> details, Duration connect, TopicDescription description,
      int minIsr, String minIsrFrom, String clusterId) {
    List<TopicPartitionInfo> parts = description.partitions();
    List<Integer> offline = new ArrayList<>();
    List<String> belowMin = new ArrayList<>();
    int underReplicated = 0;
    for (TopicPartitionInfo p : parts) {
      Node leader = p.leader();
      if (leader == null || leader.isEmpty() || leader.id() < 0) {
        offline.add(p.partition());
      }
      int isr = p.isr().size();
      if (isr < p.replicas().size()) {
        underReplicated++;
      }
      if (isr < minIsr) {
        belowMin.add(p.partition() + " (" + isr + " of " + p.replicas().size() + " in sync)");
      }
    }
    String t = "topic '" + settings.topic + "'";
    details.put("topic", settings.topic);
    details.put("partitions", parts.size());
    details.put("underReplicated", underReplicated);
    details.put("offline", offline.size());
    details.put("minIsr", minIsr);
    details.put("minIsrFrom", minIsrFrom);
    if (!offline.isEmpty()) {
      return result(Status.DOWN, t + ": " + offline.size() + " of " + parts.size()
          + " partitions have no leader (offline): " + first(offline), details, connect);
    }
    if (!belowMin.isEmpty()) {
      return result(Status.DEGRADED, t + ": " + belowMin.size() + " of " + parts.size()
          + " partitions have fewer in-sync replicas than min.insync.replicas = " + minIsr + ": partitions "
          + first(belowMin), details, connect);
    }
    return result(Status.UP, t + " on cluster " + clusterId + ": " + parts.size() + " partitions, each with a leader"
        + " and at least " + minIsr + " in-sync " + (minIsr == 1 ? "replica" : "replicas"), details, connect);
  }

  private static String first(List<?> items) {
    int n = Math.min(10, items.size());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : ", ").append(items.get(i));
    }
    return items.size() > n ? sb + " ..." : sb.toString();
  }

  private static String node(Node n) {
    if (n == null || n.isEmpty()) {
      return "none";
    }
    return n.id() + " (" + n.host() + ":" + n.port() + ")";
  }

  /** A failed step, with a TCP look at the servers when the client timed out. */
  private ProbeResult failure(String what, Throwable cause, long engineDeadline) {
    String m = Failures.describe(what, cause, settings.callMillis, settings.serversText());
    if (Failures.isTimeout(cause)) {
      // leave a little of the probe's timeout unused: the engine must not have to interrupt the run
      String seen = Failures.diagnose(settings.servers, engineDeadline - TimeUnit.MILLISECONDS.toNanos(
          Math.min(100, settings.timeout.toMillis() / 10)));
      if (!seen.isEmpty()) {
        m += " (" + seen + ")";
      }
    }
    return down(m, cause);
  }

  private ProbeResult down(String message, Throwable cause) {
    return scrub(ProbeResult.builder(Status.DOWN).message(message).error(cause).build());
  }

  private ProbeResult scrub(ProbeResult r) {
    return settings.secrets.scrub(r);
  }

  /** Waits for a future up to the call's limit (the client's own timeout ends it first). */
  private static <T> T await(KafkaFuture<T> f, long start, long callNanos) throws Failed, InterruptedException {
    // a little slack past the client's own limit, which fails the future itself with a TimeoutException
    long left = start + callNanos + TimeUnit.MILLISECONDS.toNanos(50) - System.nanoTime();
    try {
      return f.get(Math.max(0, left), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new Failed(Failures.unwrap(e));
    }
  }

  /** A step's failure, unwrapped. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Throwable cause;

    Failed(Throwable cause) {
      super(null, null, false, false);
      this.cause = cause;
    }
  }

  /**
   * Closes the client, at once: pending calls are abandoned. Idempotent; a run after it is DOWN.
   */
  @Override
  public void close() {
    Admin a;
    synchronized (lock) {
      closed = true;
      a = admin;
      admin = null;
    }
    if (a != null) {
      a.close(Duration.ZERO);
    }
  }

  @Override
  public String toString() {
    return "KafkaProbe[" + settings + "]";
  }
}
