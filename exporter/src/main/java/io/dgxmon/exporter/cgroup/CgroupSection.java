package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.scrape.SharedCollection;
import io.dgxmon.exporter.scrape.TextFormat;
import io.dgxmon.exporter.scrape.TextSection;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * Serves the cgroup families the collection rendered; nothing when it failed or never succeeded (its
 * {@code dgxmon_scrape_collector_success} says so).
 */
final class CgroupSection implements TextSection {
  private final SharedCollection<String> collection;

  CgroupSection(SharedCollection<String> collection) {
    this.collection = collection;
  }

  @Override
  public MetricSnapshots writeTo(StringBuilder text) {
    String page = collection.get().value();
    if (page != null) {
      text.append(page);
    }
    return MetricSnapshots.of();
  }

  @Override
  public String contentType() {
    return TextFormat.CONTENT_TYPE;
  }
}
