package io.dgxmon.exporter.gpu;

import java.util.List;

/** Everything one NVML collection saw: the driver version and every GPU (ordered by index). */
public record GpuSnapshot(String driverVersion, List<GpuDevice> gpus) {
  public GpuSnapshot {
    gpus = List.copyOf(gpus);
  }
}
