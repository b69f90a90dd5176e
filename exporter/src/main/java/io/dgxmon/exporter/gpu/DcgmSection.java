package io.dgxmon.exporter.gpu;

import io.dgxmon.exporter.dcgm.DcgmTextWriter;
import io.dgxmon.exporter.scrape.SharedCollection;
import io.dgxmon.exporter.scrape.TextSection;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.function.Function;

/**
 * Serves the dcgm profile: takes the shared NVML snapshot (one read for both GPU listeners), renders it and writes
 * the fields as dcgm-exporter does; nothing when NVML has never answered (the {@code nvml} collector's success
 * metric says why).
 */
final class DcgmSection implements TextSection {
  private final SharedCollection<GpuSnapshot> collection;
  private final Function<GpuSnapshot, DcgmGpuMetrics.Page> render;

  DcgmSection(SharedCollection<GpuSnapshot> collection, Function<GpuSnapshot, DcgmGpuMetrics.Page> render) {
    this.collection = collection;
    this.render = render;
  }

  @Override
  public MetricSnapshots writeTo(StringBuilder text) {
    GpuSnapshot snapshot = collection.get().value();
    DcgmGpuMetrics.Page page = snapshot == null ? DcgmGpuMetrics.Page.EMPTY : render.apply(snapshot);
    DcgmTextWriter.write(page.fields(), text);
    return page.own();
  }
}
