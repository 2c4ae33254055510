package dev.vitals.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Names;
import dev.vitals.api.Tracker;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-route trackers: names, the cap, idle expiry, the engine's own limit, no allocation per request. */
class RouteTrackersTest {

  private final ManualClock clock = new ManualClock();
  private HealthMonitor monitor;
  private final AtomicLong ticker = new AtomicLong();

  private RouteTrackers routes(int max, Map<String, String> config) {
    monitor = HealthMonitor.builder().config(config).clock(clock).scheduler(clock.scheduler())
        .executor(clock.executor()).build().start();
    return new RouteTrackers(monitor::tracker, "http", max, Duration.ofHours(1), ticker::get);
  }

  @AfterEach
  void close() {
    if (monitor != null) {
      monitor.close();
    }
  }

  @Test
  void aRouteIsNamedByMethodAndTemplateWithinTheNamesRule() {
    assertThat(RouteTrackers.name("http", "GET", "/orders/{id}")).isEqualTo("http-GET-orders_id");
    assertThat(RouteTrackers.name("http", "POST", "/orders/{id}/items")).isEqualTo("http-POST-orders_id_items");
    assertThat(RouteTrackers.name("http", "GET", "/")).isEqualTo("http-GET-root");
    assertThat(RouteTrackers.name("http", "PROPFIND", "/files/**")).isEqualTo("http-OTHER-files");
    String a = RouteTrackers.name("http", "DELETE", "/a-very/long/route/template/{with}/{many}/segments/one");
    String b = RouteTrackers.name("http", "DELETE", "/a-very/long/route/template/{with}/{many}/segments/two");
    assertThat(a).hasSizeLessThanOrEqualTo(Names.MAX_LENGTH).isNotEqualTo(b);
    for (String n : new String[] {a, b, RouteTrackers.name("http", "GET", "/{a}.{b}/~x")}) {
      assertThat(Names.isValid(n)).as(n).isTrue();
    }
  }

  @Test
  void theFirstMaxRoutesGetTheirOwnTrackersAndFurtherRoutesShareOther() {
    RouteTrackers r = routes(100, Map.of());
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      names.add(r.tracker("GET", "/r" + i + "/{id}").name());
    }
    assertThat(names).hasSize(100).doesNotContain("http-other");
    assertThat(r.size()).isEqualTo(100);

    Tracker hundredAndFirst = r.tracker("GET", "/r100/{id}");
    assertThat(hundredAndFirst.name()).isEqualTo("http-other");
    assertThat(r.tracker("POST", "/r0/{id}").name()).as("a new method on a known route is a new tracker too")
        .isEqualTo("http-other");
    assertThat(r.tracker("GET", "/r7/{id}").name()).as("known routes keep theirs").isEqualTo("http-GET-r7_id");
    assertThat(r.size()).isEqualTo(100);
    assertThat(monitor.report().trackers()).noneMatch(t -> t.name().equals("http-GET-r100_id"));
  }

  @Test
  void requestsWithoutATemplateGoToUnmatched() {
    RouteTrackers r = routes(5, Map.of());
    assertThat(r.tracker("GET", null).name()).isEqualTo("http-unmatched");
    assertThat(r.tracker("GET", "").name()).isEqualTo("http-unmatched");
    assertThat(r.size()).isZero();
  }

  @Test
  void anIdleRouteLeavesAndFreesItsPlaceAndGetsItsTrackerBackWhenItReturns() {
    RouteTrackers r = routes(2, Map.of());
    Tracker a = r.tracker("GET", "/a");
    r.tracker("GET", "/b");
    assertThat(r.tracker("GET", "/c").name()).isEqualTo("http-other");

    ticker.addAndGet(Duration.ofMinutes(30).toNanos());
    r.tracker("GET", "/b"); // /b stays in use
    ticker.addAndGet(Duration.ofMinutes(31).toNanos());
    r.cleanUp();
    assertThat(r.size()).as("/a idle for 61 minutes left").isEqualTo(1);

    assertThat(r.tracker("GET", "/c").name()).isEqualTo("http-GET-c");
    assertThat(r.tracker("GET", "/a").name()).as("full again").isEqualTo("http-other");
    ticker.addAndGet(Duration.ofMinutes(61).toNanos());
    assertThat(r.tracker("GET", "/a")).as("the engine's tracker, figures and all").isSameAs(a);
  }

  @Test
  void aRouteTheEngineHasNoRoomForGoesToOther() {
    // http-other and http-unmatched take two of the engine's three trackers
    RouteTrackers r = routes(10, Map.of("vitals.trackers.max", "3"));
    assertThat(r.tracker("GET", "/a").name()).isEqualTo("http-GET-a");
    assertThat(r.tracker("GET", "/b").name()).isEqualTo("http-other");
    assertThat(r.size()).isEqualTo(1);
  }

  @Test
  void aRequestOfAKnownRouteAllocatesNothing() {
    RouteTrackers r = routes(100, Map.of());
    String[] templates = new String[50];
    for (int i = 0; i < templates.length; i++) {
      templates[i] = "/r" + i + "/{id}";
      r.tracker("GET", templates[i]);
    }
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    for (int i = 0; i < 200_000; i++) { // warm-up, so the measured loop runs compiled
      r.tracker("GET", templates[i % templates.length]).record(1_000, true);
    }
    long before = threads.getThreadAllocatedBytes(id);
    for (int i = 0; i < 100_000; i++) {
      r.tracker("GET", templates[i % templates.length]).record(1_000 + i, true);
    }
    long allocated = threads.getThreadAllocatedBytes(id) - before;
    assertThat(allocated).as("bytes allocated by 100,000 lookups and records").isLessThan(10_000);
  }
}
