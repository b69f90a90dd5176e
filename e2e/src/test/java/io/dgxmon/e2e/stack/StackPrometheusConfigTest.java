package io.dgxmon.e2e.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
  void theShardSampleBecomesShardKOfNWritingToTheReceiver() throws IOException {
    String sample = Files.readString(RepositoryRoot.get().resolve("docs/prometheus/prometheus-shard.yml"));
    String yml = StackPrometheusConfig.shard(sample, 2, 3, Path.of("/s/targets"),
        List.of(URI.create("http://127.0.0.1:1/w"), URI.create("http://127.0.0.1:2/w")));
    assertEquals(4, count(yml, "modulus: 3 # N"), yml);
    assertEquals(4, count(yml, "regex: '2' # k"), yml);
    assertTrue(yml.contains("\n  - url: http://127.0.0.1:1/w\n  - url: http://127.0.0.1:2/w\n"), yml);
    assertFalse(yml.contains("30s") || yml.contains(StackPrometheusConfig.SAMPLE_STORE), yml);
    assertThrows(IllegalArgumentException.class, () -> StackPrometheusConfig.shard(sample, 3, 3, Path.of("/t"),
        List.of(URI.create("http://127.0.0.1:1/w"))));
  }

  @Test
  void theReceiverSampleGetsTheRulesAndOneSecondIntervals() throws IOException {
    String sample = Files.readString(RepositoryRoot.get().resolve("docs/prometheus/prometheus-receiver.yml"));
    String yml = StackPrometheusConfig.receiver(sample, Path.of("/d/rules.yml"));
    assertTrue(yml.contains("\n  - /d/rules.yml\n") && !yml.contains("30s"), yml);
  }

  @Test
  void aSampleThatChangedShapeIsReportedNotIgnored() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StackPrometheusConfig.from("scrape_configs: []\n", Path.of("/t"), Path.of("/r.yml")));
    assertTrue(e.getMessage().contains(StackPrometheusConfig.SAMPLE_TARGETS_DIR), e.getMessage());
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
