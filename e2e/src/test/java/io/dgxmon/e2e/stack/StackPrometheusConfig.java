package io.dgxmon.e2e.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The stack's Prometheus configurations: the project's samples in {@code docs/prometheus} (the single server, a shard
 * of sharded scraping, the receiving side) with the rules, reading the role monitor's targets directory, every 30 s
 * interval turned into 1 s so a test sees changes quickly. Each edit must match the sample, so a sample that changes
 * shape fails here instead of being silently ignored.
 */
public final class StackPrometheusConfig {
  static final String SAMPLE_TARGETS_DIR = "/cm/shared/apps/dgxmon/prometheus-targets";
  static final String SAMPLE_MODULUS = "modulus: 2 # N";
  static final String SAMPLE_SHARD = "regex: '0' # k";
  static final String SAMPLE_STORE = "http://prometheus-store:9090/api/v1/write";

  private StackPrometheusConfig() {}

  /** docs/prometheus/prometheus.yml. */
  public static String from(String sampleYml, Path targetsDir, Path rulesFile) {
    return withRules(scraping(sampleYml, targetsDir), rulesFile);
  }

  /** docs/prometheus/prometheus-shard.yml as shard {@code k} of {@code n}, writing to every one of {@code stores}. */
  public static String shard(String sampleYml, int k, int n, Path targetsDir, List<URI> stores) {
    if (k < 0 || k >= n) {
      throw new IllegalArgumentException("shard " + k + " of " + n);
    }
    String yml = replace(scraping(sampleYml, targetsDir), SAMPLE_MODULUS, "modulus: " + n + " # N");
    yml = replace(yml, SAMPLE_SHARD, "regex: '" + k + "' # k");
    return replace(yml, "  - url: " + SAMPLE_STORE, stores.stream().map(s -> "  - url: " + s)
        .collect(Collectors.joining("\n")));
  }

  /** docs/prometheus/prometheus-receiver.yml. */
  public static String receiver(String sampleYml, Path rulesFile) {
    return withRules(replace(sampleYml, "30s", "1s"), rulesFile);
  }

  private static String scraping(String sampleYml, Path targetsDir) {
    String yml = replace(sampleYml, SAMPLE_TARGETS_DIR, targetsDir.toString());
    yml = replace(yml, "scrape_timeout: 25s", "scrape_timeout: 1s");
    return replace(yml, "30s", "1s");
  }

  private static String withRules(String yml, Path rulesFile) {
    return replace(yml, "\n  - rules.yml\n", "\n  - " + rulesFile + "\n");
  }

  private static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalArgumentException("the sample in docs/prometheus no longer contains '" + from.strip()
          + "'; update " + StackPrometheusConfig.class.getSimpleName());
    }
    return text.replace(from, to);
  }
}
