package io.dgxmon.rolemonitor.config;

import java.util.Map;

/** One scrape target per node: the exporter's port, its Prometheus job name and extra labels. */
public record Exporter(String name, boolean enabled, int port, String job, Map<String, String> labels) {
  public Exporter {
    labels = Map.copyOf(labels);
  }
}
