package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.CompatibilityLint;
import io.dgxmon.exporter.cgroup.Exposition;
import io.dgxmon.testkit.Promtool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DcgmGpuMetricsTest {
  private static final Set<String> DCGM_COUNTERS = Set.of("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
      "DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL",
      "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS");
  private static final HpcJobMap JOBS = new HpcJobMap(Map.of("0", List.of("100", "101"), "1.2", List.of("200")));

  private final DcgmGpuMetrics metrics = new DcgmGpuMetrics("Hostname", "node1");

  @Test
  void matchesDcgmExporterExpositionLineByLine() throws IOException {
    String ours = Exposition.text(metrics.render(Snapshots.twoGpus(), JOBS));
    String dcgm = resource("dcgm-exporter-two-gpus.txt");
    String oursWithoutUp = ours.substring(0, ours.indexOf("# HELP " + GpuHealth.UP));
    assertEquals(DcgmFormat.canonical(dcgm, DCGM_COUNTERS), DcgmFormat.canonical(oursWithoutUp, Set.of()));
  }

  @Test
  void countersKeepDcgmNamesWithoutTotalSuffix() {
    String ours = Exposition.text(metrics.render(Snapshots.twoGpus(), JOBS));
    assertTrue(ours.contains("# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION untyped\n"), ours);
    assertFalse(ours.contains("_total"), ours);
  }

  @Test
  void gpuWithoutJobFileHasNoHpcJobLabelAndHostnameLabelIsConfigurable() {
    String ours = Exposition.text(new DcgmGpuMetrics("hostname", "dgx-01").render(Snapshots.twoGpus(), HpcJobMap.EMPTY));
    String line = ours.lines().filter(l -> l.startsWith("DCGM_FI_DEV_GPU_TEMP{") && l.contains("gpu=\"0\""))
        .findFirst().orElseThrow();
    assertEquals(List.of("DCGM_FI_DRIVER_VERSION", "UUID", "device", "gpu", "hostname", "modelName", "pci_bus_id"),
        DcgmFormat.labelOrder(line));
    assertFalse(ours.contains("hpc_job"));
  }

  @Test
  void lostGpuIsDownAndHasNoOtherSeries() {
    GpuSnapshot two = Snapshots.twoGpus();
    GpuSnapshot lost = new GpuSnapshot(two.driverVersion(),
        List.of(two.gpus().get(0), GpuDevice.failed(two.gpus().get(1).identity(),
            new GpuError(15, "nvmlDeviceGetPowerUsage: GPU is lost (15)"))));
    String ours = Exposition.text(metrics.render(lost, HpcJobMap.EMPTY));
    assertTrue(ours.contains("dgxmon_gpu_up{UUID=\"" + Snapshots.UUID0 + "\",gpu=\"0\"} 1.0"), ours);
    assertTrue(ours.contains("dgxmon_gpu_up{UUID=\"" + Snapshots.UUID1 + "\",gpu=\"1\"} 0.0"), ours);
    assertFalse(ours.lines().anyMatch(l -> l.startsWith("DCGM_") && l.contains("gpu=\"1\"")), ours);
  }

  @Test
  void gpmMetricsAbsentWithoutGpm() {
    GpuSnapshot snapshot = new GpuSnapshot("550.144.03", List.of(new GpuDevice(
        new GpuIdentity(0, 0, Snapshots.UUID0, "00000000:18:00.0", "NVIDIA A100-SXM4-80GB"), Snapshots.h100Readings(),
        List.of(), Optional.empty())));
    String ours = Exposition.text(metrics.render(snapshot, HpcJobMap.EMPTY));
    assertFalse(ours.contains("DCGM_FI_PROF_"), ours);
    assertTrue(ours.contains("DCGM_FI_DEV_POWER_USAGE{"), ours);
  }

  @Test
  void passesPromtool() throws Exception {
    Promtool.checkMetrics(Exposition.text(metrics.render(Snapshots.twoGpus(), JOBS)), CompatibilityLint.GPU_PROFILES);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = DcgmGpuMetricsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
