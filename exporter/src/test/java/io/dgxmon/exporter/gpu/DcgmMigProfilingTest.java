package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * :9400 on a MIG GPU: each GPU instance has its own DCGM_FI_PROF_* activity ratios from its own GPM sample, as
 * dcgm-exporter shows them (`real-dra-driver-166-mig-a100-2024.prom` in the shared dcgm-exporter samples has
 * DCGM_FI_PROF_GR_ENGINE_ACTIVE per GPU_I_ID); PCIe rates stay whole-GPU only, so a MIG GPU has none.
 */
class DcgmMigProfilingTest {
  private final DcgmGpuMetrics metrics = new DcgmGpuMetrics("Hostname", "node1");

  @Test
  void migInstanceHasItsOwnActivityRatios() {
    String text = DcgmGpuMetricsTest.page(metrics.render(Snapshots.gpmEverywhere(), HpcJobMap.EMPTY));
    Map<String, String> mig = Map.of("gpu", "1", "UUID", Snapshots.UUID1, "pci_bus_id", "00000000:2A:00.0",
        "device", "nvidia1", "modelName", "NVIDIA H100 80GB HBM3", "GPU_I_PROFILE", "3g.40gb", "GPU_I_ID", "2",
        "Hostname", "node1", "DCGM_FI_DRIVER_VERSION", "550.144.03");
    // Snapshots.gpm(30): graphics 30, ..., any tensor 34, DRAM 35 (percent).
    assertEquals(List.of(0.3), ExpositionSamples.values(text, "DCGM_FI_PROF_GR_ENGINE_ACTIVE", mig));
    assertEquals(List.of(0.34), ExpositionSamples.values(text, "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", mig));
    assertEquals(List.of(0.35), ExpositionSamples.values(text, "DCGM_FI_PROF_DRAM_ACTIVE", mig));
    assertEquals(0, ExpositionSamples.count(text, "DCGM_FI_PROF_PCIE_TX_BYTES", Map.of("gpu", "1")));
    assertEquals(1, ExpositionSamples.count(text, "DCGM_FI_PROF_GR_ENGINE_ACTIVE", Map.of("gpu", "1")),
        "a MIG GPU is reported as its instances only");
    assertEquals(List.of(0.1), ExpositionSamples.values(text, "DCGM_FI_PROF_GR_ENGINE_ACTIVE", Map.of("gpu", "0",
        "UUID", Snapshots.UUID0, "pci_bus_id", "00000000:18:00.0", "device", "nvidia0",
        "modelName", "NVIDIA H100 80GB HBM3", "Hostname", "node1", "DCGM_FI_DRIVER_VERSION", "550.144.03")));
  }
}
