package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HealthReport;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class HttpEndpointBuilderTest {

  private final Supplier<HealthReport> reports = () -> Fixtures.report(Fixtures.probe("db").build());

  @Test
  void refusesBadValuesAtOnceNamingThem() {
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).port(65_536))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).host(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).token("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).threads(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from 1 to 1024");
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).queue(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).backlog(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).requestTimeout(Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 100ms");
    assertThatThrownBy(() -> HttpEndpoint.builder(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void refusesASettingGivenTwice() {
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).port(1).port(2))
        .isInstanceOf(IllegalStateException.class).hasMessage("port was already set");
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).details(Details.NEVER).details(Details.ALWAYS))
        .isInstanceOf(IllegalStateException.class).hasMessage("details was already set");
    MemoryHistory history = new MemoryHistory();
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).history(history).history(history))
        .isInstanceOf(IllegalStateException.class).hasMessage("history was already set");
    assertThatThrownBy(() -> HealthServlet.Options.builder().history(history).history(history))
        .isInstanceOf(IllegalStateException.class).hasMessage("history was already set");
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).history((dev.vitals.api.History) null))
        .isInstanceOf(NullPointerException.class).hasMessage("history");
  }

  @Test
  void authorizedDetailsNeedAToken() {
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).details(Details.AUTHORIZED).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("token");
  }

  @Test
  void maxThreadsBelowThreadsIsRefused() {
    assertThatThrownBy(() -> HttpEndpoint.builder(reports).threads(8).maxThreads(4).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxThreads (4)");
  }

  @Test
  void buildsMoreThanOnce() {
    HttpEndpoint.Builder b = HttpEndpoint.builder(reports).port(0);
    HttpEndpoint one = b.build();
    HttpEndpoint two = b.build();
    assertThat(one).isNotSameAs(two);
    one.close();
    two.close();
  }

  @Test
  void detailsParseIgnoringCaseAndNameTheAllowedValues() {
    assertThat(Details.parse(" Authorized ")).isEqualTo(Details.AUTHORIZED);
    assertThat(Details.ALWAYS.id()).isEqualTo("always");
    assertThatThrownBy(() -> Details.parse("some"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'some'")
        .hasMessageContaining("never, always or authorized");
  }
}
