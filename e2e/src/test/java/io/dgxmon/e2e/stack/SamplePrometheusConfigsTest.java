package io.dgxmon.e2e.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.testkit.Promtool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every Prometheus configuration in docs/prometheus passes the real {@code promtool check config} (rules included, in
 * agent mode for the shards too), and the two shard variants differ only in how they discover targets.
 */
class SamplePrometheusConfigsTest {
  private static final Path DOCS = RepositoryRoot.get().resolve("docs/prometheus");

  @Test
  void promtoolAcceptsEverySample() {
    for (String sample : List.of("prometheus.yml", "prometheus-http-sd.yml", "prometheus-receiver.yml",
        "prometheus-shard.yml", "prometheus-shard-http-sd.yml")) {
      Promtool.run(null, "check", "config", DOCS.resolve(sample).toString()).assertSuccess("promtool check config " + sample);
    }
    for (String shard : List.of("prometheus-shard.yml", "prometheus-shard-http-sd.yml")) {
      Promtool.run(null, "check", "config", "--agent", DOCS.resolve(shard).toString())
          .assertSuccess("promtool check config --agent " + shard);
    }
  }

  @Test
  void theHttpSdShardIsTheFileSdShardWithAnotherDiscovery() throws IOException {
    assertEquals(scrapingPart("prometheus-shard.yml").replace("file_sd_configs:", "http_sd_configs:")
            .replace("- files: ['" + StackPrometheusConfig.SAMPLE_TARGETS_DIR + "/*.json']",
                "- url: http://bcm-head-01:9489/targets"),
        scrapingPart("prometheus-shard-http-sd.yml"));
  }

  /** Everything from {@code global:} on (the header comments differ). */
  private static String scrapingPart(String sample) throws IOException {
    String yml = Files.readString(DOCS.resolve(sample));
    return yml.substring(yml.indexOf("\nglobal:"));
  }
}
