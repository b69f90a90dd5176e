package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusBackfillTest {
  @TempDir Path dir;

  @Test
  void eachRuleComesAfterEveryRuleItReadsAndAlertsAreLeftOut() throws Exception {
    Path rules = Files.writeString(dir.resolve("rules.yml"), """
        groups:
          - name: one
            rules:
              - record: c:total
                expr: sum(b:rate) + sum(a:x_extra)
              - record: a:x
                expr: sum(raw)
              - alert: Ignored
                expr: c:total > 1
          - name: two
            rules:
              - record: b:rate
                expr: rate(a:x[5m])
              - record: a:x_extra
                expr: raw2
        """);
    List<List<String>> levels = PrometheusBackfill.levels(rules).stream()
        .map(level -> level.stream().map(r -> r.path("record").asText()).toList()).toList();
    // a:x_extra does not depend on a:x although its name starts with it.
    assertEquals(List.of(List.of("a:x", "a:x_extra"), List.of("b:rate"), List.of("c:total")), levels);
  }

  @Test
  void theShippedEnergyRulesComeAfterTheirInputs() {
    List<List<JsonNode>> levels = PrometheusBackfill.levels(Path.of("..", "docs", "prometheus", "rules.yml"));
    assertEquals(true, level(levels, "dgxmon:gpu_power_watts") < level(levels, "dgxmon:node_rest_power_watts"));
    assertEquals(true, level(levels, "dgxmon:node_rest_power_watts") < level(levels, "dgxmon:node_power_watts"));
    assertEquals(true, level(levels, "dgxmon:node_power_watts") < level(levels, "dgxmon:node_idle_power_watts"));
  }

  private static int level(List<List<JsonNode>> levels, String record) {
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).stream().anyMatch(r -> record.equals(r.path("record").asText()))) {
        return i;
      }
    }
    throw new AssertionError(record + " has no level");
  }
}
