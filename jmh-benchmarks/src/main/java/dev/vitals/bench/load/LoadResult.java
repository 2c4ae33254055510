package dev.vitals.bench.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One load run against one server.
 *
 * @param client {@code wrk} or {@code java}
 * @param server {@code vitals}, {@code dropwizard} or {@code fixed}
 * @param phase the scenario and phase, such as {@code stress} or {@code spike/peak}
 * @param connections concurrent connections
 * @param seconds how long the run lasted
 * @param requests completed requests (any status)
 * @param p50Ms median latency, ms
 * @param p95Ms 95th percentile latency, ms
 * @param p99Ms 99th percentile latency, ms
 * @param maxMs the largest latency, ms
 * @param socketErrors connect, read, write errors and timeouts
 * @param statusErrors answers with a status other than 2xx or 3xx
 */
record LoadResult(String client, String server, String phase, int connections, double seconds, long requests,
    double p50Ms, double p95Ms, double p99Ms, double maxMs, long socketErrors, long statusErrors) {

  double requestsPerSecond() {
    return seconds > 0 ? requests / seconds : 0;
  }

  long errors() {
    return socketErrors + statusErrors;
  }

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("client", client);
    m.put("server", server);
    m.put("phase", phase);
    m.put("connections", connections);
    m.put("seconds", seconds);
    m.put("requests", requests);
    m.put("requestsPerSecond", requestsPerSecond());
    m.put("p50Ms", p50Ms);
    m.put("p95Ms", p95Ms);
    m.put("p99Ms", p99Ms);
    m.put("maxMs", maxMs);
    m.put("socketErrors", socketErrors);
    m.put("statusErrors", statusErrors);
    return m;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s %s c=%d: %.0f req/s, p50 %.2f p95 %.2f p99 %.2f max %.1f ms, errors %d+%d",
        client, server, phase, connections, requestsPerSecond(), p50Ms, p95Ms, p99Ms, maxMs, socketErrors,
        statusErrors);
  }
}
