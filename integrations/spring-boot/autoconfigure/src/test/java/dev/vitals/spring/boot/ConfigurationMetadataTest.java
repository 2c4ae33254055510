package dev.vitals.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code META-INF/spring-configuration-metadata.json} describes every key of README's configuration reference (a
 * key with a {@code <name>} part as a map entry whose description names the rest) and the starter's own keys, so
 * IDEs complete and document them in application.properties and yaml.
 */
class ConfigurationMetadataTest {

  private static final Pattern KEY = Pattern.compile("`(vitals\\.[a-z0-9.<>*-]+)`");

  private static Map<String, String> metadata() throws IOException {
    try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-configuration-metadata.json on the class path").isNotNull();
      JsonNode root = JsonMapper.builder().build().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Map<String, String> out = new LinkedHashMap<>();
      for (JsonNode p : root.path("properties")) {
        out.put(p.path("name").asString(), p.path("description").asString());
      }
      return out;
    }
  }

  private static List<String> readmeKeys() throws IOException {
    String readme = Files.readString(Path.of("../../../README.md"));
    String section = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("### Secrets"));
    List<String> keys = new ArrayList<>();
    for (String line : section.split("\n")) {
      if (line.startsWith("| `vitals.")) {
        Matcher m = KEY.matcher(line.substring(0, line.indexOf('|', 2)));
        while (m.find()) {
          keys.add(m.group(1));
        }
      }
    }
    return keys;
  }

  @Test
  void everyKeyOfTheReadmesConfigurationReferenceIsDescribed() throws IOException {
    Map<String, String> meta = metadata();
    List<String> keys = readmeKeys();
    assertThat(keys).hasSizeGreaterThan(20);
    for (String key : keys) {
      if (key.contains("<")) {
        String base = key.substring(0, key.indexOf(".<"));
        String rest = key.substring(key.indexOf('>') + 1);
        assertThat(meta).as("map entry for %s", key).containsKey(base);
        assertThat(meta.get(base)).as("description of %s names %s", base, key).contains("<name>" + rest);
      } else if (key.endsWith(".*")) {
        String base = key.substring(0, key.length() - 2);
        assertThat(meta.keySet()).as("entries under %s", key).anyMatch(k -> k.equals(base) || k.startsWith(base + "."));
      } else {
        assertThat(meta).as("entry for %s", key).containsKey(key);
        assertThat(meta.get(key)).as("description of %s", key).isNotBlank();
      }
    }
  }

  @Test
  void theStartersOwnKeysAreDescribed() throws IOException {
    assertThat(metadata()).containsKeys(SpringSettings.KEYS.toArray(new String[0]));
  }
}
