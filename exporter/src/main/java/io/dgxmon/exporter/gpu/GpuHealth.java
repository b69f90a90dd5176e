package io.dgxmon.exporter.gpu;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/** {@code dgxmon_gpu_up{gpu,UUID}}: 1 when NVML answered for the GPU in the collection, 0 when it failed on it. */
final class GpuHealth {
  static final String UP = "dgxmon_gpu_up";

  private GpuHealth() {}

  static GaugeSnapshot up(GpuSnapshot snapshot) {
    GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(UP)
        .help("dgxmon: 1 when NVML answered for this GPU in the last collection, 0 when it failed on it"
            + " (e.g. GPU is lost)");
    for (GpuDevice gpu : snapshot.gpus()) {
      builder.dataPoint(GaugeDataPointSnapshot.builder()
          .labels(Labels.of("gpu", String.valueOf(gpu.index()), "UUID", gpu.identity().uuid()))
          .value(gpu.up() ? 1 : 0).build());
    }
    return builder.build();
  }
}
