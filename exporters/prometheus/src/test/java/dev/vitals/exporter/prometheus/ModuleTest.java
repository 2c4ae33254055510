package dev.vitals.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.MetricsWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleTest {

  private static ModuleDescriptor descriptor() {
    return ModuleFinder.of(Path.of("target", "classes")).findAll().iterator().next().descriptor();
  }

  @Test
  void descriptorExportsOnlyTheApiPackageAndProvidesTheMetricsWriter() {
    ModuleDescriptor d = descriptor();

    assertThat(d.name()).isEqualTo("dev.vitals.exporter.prometheus");
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source)
        .containsExactly("dev.vitals.exporter.prometheus");
    assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
    assertThat(d.provides()).hasSize(1);
    ModuleDescriptor.Provides p = d.provides().iterator().next();
    assertThat(p.service()).isEqualTo(MetricsWriter.class.getName());
    assertThat(p.providers()).containsExactly(PrometheusMetricsWriter.class.getName());
    assertThat(d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()))
        .contains("dev.vitals.api", "io.prometheus.metrics.model", "io.prometheus.writer.text")
        .doesNotContain("jdk.httpserver");
  }

  @Test
  void serviceLoaderFindsThePrometheusWriterOnTheClassPath() {
    List<MetricsWriter> writers = ServiceLoader.load(MetricsWriter.class).stream()
        .map(ServiceLoader.Provider::get).toList();

    assertThat(writers).hasSize(1).first().isInstanceOf(PrometheusMetricsWriter.class);
  }
}
