package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected-status lists and host allow-lists. */
class SettingsParsingTest {

  @Test
  void statusListAcceptsCodesRangesAndClasses() {
    StatusRanges s = StatusRanges.parse(" 200-299 , 304,4xx");
    assertThat(s.accepts(200)).isTrue();
    assertThat(s.accepts(299)).isTrue();
    assertThat(s.accepts(304)).isTrue();
    assertThat(s.accepts(418)).isTrue();
    assertThat(s.accepts(300)).isFalse();
    assertThat(s.accepts(500)).isFalse();
    assertThat(s).hasToString("200-299,304,400-499");
  }

  @Test
  void statusListRejectsMalformedOrOutOfRangeParts() {
    for (String bad : new String[] {"", "200-", "299-200", "600", "99", "2xx,", "ok", "200;304", "6xx"}) {
      assertThatThrownBy(() -> StatusRanges.parse(bad)).as(bad).hasMessage(StatusRanges.FORM);
    }
  }

  @Test
  void allowListMatchesExactHostsAndWildcardSubdomainsIgnoringCase() {
    HostAllowList a = HostAllowList.of(List.of("API.example.com", "*.internal.example", "::1", "10.1.2.3"));
    assertThat(a.allows("api.example.com")).isTrue();
    assertThat(a.allows("api.example.com.")).isTrue();
    assertThat(a.allows("evil.api.example.com")).isFalse();
    assertThat(a.allows("db.internal.example")).isTrue();
    assertThat(a.allows("internal.example")).isFalse();
    assertThat(a.allows("xinternal.example")).isFalse();
    assertThat(a.allows("[::1]")).isTrue();
    assertThat(a.allows("10.1.2.3")).isTrue();
    assertThat(a.allows("10.1.2.4")).isFalse();
    assertThat(a.allows(null)).isFalse();
  }

  @Test
  void allowListRejectsUrlsPortsAndEmptyEntries() {
    for (List<String> bad : List.of(List.of("http://a.com"), List.of("a.com:8080/x"), List.of("a.com:8080"), List.of(""), List.<String>of(),
        List.of("a.com", " "), List.of("*."), List.of("a b"))) {
      assertThatThrownBy(() -> HostAllowList.of(bad)).as(bad.toString()).hasMessage(HostAllowList.FORM);
    }
  }
}
