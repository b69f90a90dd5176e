package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.jobs.JobInfo;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.dgxmon.exporter.jobs.JobInfo;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The Prometheus text format of snapshots, as the HTTP server writes it. */
public final class Exposition {
  private Exposition() {}

  /** The cgroup families of {@code samples}, as the :9306 profile writes them. */
  public static String cgroups(List<CgroupSample> samples, Map<String, String> jobIdBySluid,
      Map<String, JobInfo> jobs) {
    StringBuilder text = new StringBuilder();
    CgroupMetrics.write(samples, jobIdBySluid, jobs, text);
    return text.toString();
  }

  public static String text(MetricSnapshots snapshots) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      new PrometheusTextFormatWriter(false).write(out, snapshots);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
