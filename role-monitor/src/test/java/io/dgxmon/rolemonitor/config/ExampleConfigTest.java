package io.dgxmon.rolemonitor.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * configs/role-monitor.example.json stays valid and spells out exactly the defaults, and docs/Role-Monitor.md's
 * configuration table lists exactly its keys (the strict reader refuses unknown keys, so they are the real ones).
 */
class ExampleConfigTest {
  private static final Path EXAMPLE = Path.of("..", "configs", "role-monitor.example.json");

  @Test
  void exampleLoadsAndEqualsTheDefaults() throws Exception {
    MonitorConfig example = ConfigLoader.load(EXAMPLE);
    assertEquals(ConfigLoader.defaults(), example);
  }

  @Test
  void theDocumentedKeysAreTheExamplesKeys() throws Exception {
    Set<String> example = new TreeSet<>();
    new ObjectMapper().readTree(EXAMPLE.toFile()).fieldNames().forEachRemaining(example::add);
    String page = Files.readString(Path.of("..", "docs", "Role-Monitor.md"));
    String table = page.substring(page.indexOf("| key | default | meaning |"));
    table = table.substring(0, table.indexOf("\n\n"));
    Set<String> documented = new TreeSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z]+)` \\|").matcher(table);
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertEquals(example, documented);
  }
}
