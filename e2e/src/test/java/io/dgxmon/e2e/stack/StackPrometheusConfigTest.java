package io.dgxmon.e2e.stack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackPrometheusConfigTest {
  @Test
  void theSampleGetsTheStacksTargetsDirRulesAndOneSecondIntervals() throws IOException {
    String sample = Files.readString(RepositoryRoot.get().resolve("docs/prometheus/prometheus.yml"));
    String yml = StackPrometheusConfig.from(sample, Path.of("/s/targets"), Path.of("/d/rules.yml"));
    assertTrue(yml.contains("files: ['/s/targets/*.json']"), yml);
    assertTrue(yml.contains("\n  - /d/rules.yml\n"), yml);
    assertFalse(yml.contains("30s") || yml.contains("25s") || yml.contains(StackPrometheusConfig.SAMPLE_TARGETS_DIR), yml);
  }

  @Test
  void aSampleThatChangedShapeIsReportedNotIgnored() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StackPrometheusConfig.from("scrape_configs: []\n", Path.of("/t"), Path.of("/r.yml")));
    assertTrue(e.getMessage().contains(StackPrometheusConfig.SAMPLE_TARGETS_DIR), e.getMessage());
  }
}
