package io.dgxmon.e2e.stack;

import java.nio.file.Path;

/**
 * The stack's Prometheus configuration: the project's sample {@code docs/prometheus/prometheus.yml} with its rules,
 * reading the role monitor's targets directory, every 30 s interval turned into 1 s so a test sees changes quickly.
 * Each edit must match the sample, so a sample that changes shape fails here instead of being silently ignored.
 */
public final class StackPrometheusConfig {
  static final String SAMPLE_TARGETS_DIR = "/cm/shared/apps/dgxmon/prometheus-targets";

  private StackPrometheusConfig() {}

  public static String from(String sampleYml, Path targetsDir, Path rulesFile) {
    String yml = replace(sampleYml, SAMPLE_TARGETS_DIR, targetsDir.toString());
    yml = replace(yml, "scrape_timeout: 25s", "scrape_timeout: 1s");
    yml = replace(yml, "30s", "1s");
    return replace(yml, "\n  - rules.yml\n", "\n  - " + rulesFile + "\n");
  }

  private static String replace(String text, String from, String to) {
    if (!text.contains(from)) {
      throw new IllegalArgumentException("docs/prometheus/prometheus.yml no longer contains '" + from.strip()
          + "'; update " + StackPrometheusConfig.class.getSimpleName());
    }
    return text.replace(from, to);
  }
}
