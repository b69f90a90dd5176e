package io.dgxmon.exporter.scrape;

import io.dgxmon.common.web.PlainResponse;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * A part of a listener's answer that its profile writes itself, in a format client_java cannot produce (the dcgm
 * profile writes dcgm-exporter's bytes). Written first; client_java's families follow.
 */
public interface TextSection {
  /** Appends this scrape's text; returns client_java snapshots of the same scrape (written right after it). */
  MetricSnapshots writeTo(StringBuilder text);

  /** The listener's content type; its first section's decides. Without a version, as dcgm-exporter sends it. */
  default String contentType() {
    return PlainResponse.TEXT;
  }
}
