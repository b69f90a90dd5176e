package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.CompatibilityLint;
import io.dgxmon.exporter.cgroup.Exposition;
import io.dgxmon.exporter.jobs.JobInfo;
import io.dgxmon.testkit.Promtool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobstatsGpuMetricsTest {
  private final JobstatsGpuMetrics metrics = new JobstatsGpuMetrics();

  @Test
  void labelsJobsFromTheMapWithUidFromJobInfo() throws Exception {
    GpuJobOwners owners = new GpuJobOwners(new HpcJobMap(Map.of("0", List.of("100"))),
        Map.of("100", new JobInfo("100", 4242, "alice", "", "", List.of("0"), "", 0)), Map.of());
    String text = Exposition.text(metrics.render(Snapshots.twoGpus(), owners));
    String labels = "{GPU_I_ID=\"\",jobid=\"100\",minor_number=\"0\",name=\"NVIDIA H100 80GB HBM3\",ordinal=\"0\","
        + "userid=\"4242\",uuid=\"" + Snapshots.UUID0 + "\"}";
    assertTrue(text.contains("nvidia_gpu_duty_cycle" + labels + " 87.0\n"), text);
    assertTrue(text.contains("nvidia_gpu_power_usage_milliwatts" + labels + " 71123.0\n"), text);
    assertTrue(text.contains("nvidia_gpu_temperature_celsius" + labels + " 33.0\n"), text);
    assertTrue(text.contains("nvidia_gpu_jobId" + labels + " 100.0\n"), text);
    assertTrue(text.contains("nvidia_gpu_jobUid" + labels + " 4242.0\n"), text);
    assertTrue(text.contains("nvidia_gpu_graphics_util_percent" + labels + " 0.455\n"), text);
    assertTrue(text.contains("nvidia_gpu_clock{GPU_I_ID=\"\",jobid=\"100\",minor_number=\"0\",name=\"NVIDIA H100 80GB HBM3\","
        + "ordinal=\"0\",type=\"video\",userid=\"4242\",uuid=\"" + Snapshots.UUID0 + "\"} 1755.0\n"), text);
    assertTrue(text.contains("nvidia_gpu_ecc_errors{counter=\"aggregate\",error=\"corrected\",minor_number=\"0\","
        + "name=\"NVIDIA H100 80GB HBM3\",ordinal=\"0\",uuid=\"" + Snapshots.UUID0 + "\"} 3.0\n"), text);
    assertTrue(text.contains("nvidia_gpu_num_devices 2.0\n"), text);
    Promtool.checkMetrics(text, CompatibilityLint.GPU_PROFILES);
  }

  @Test
  void migGpuReportsItselfAndEachInstanceWithoutDutyCycle() {
    String text = Exposition.text(metrics.render(Snapshots.twoGpus(), GpuJobOwners.NONE));
    assertTrue(text.contains("nvidia_gpu_memory_used_bytes{GPU_I_ID=\"2\",jobid=\"\",minor_number=\"1\","
        + "name=\"NVIDIA H100 80GB HBM3 MIG 3g.40gb\",ordinal=\"1\",userid=\"\",uuid=\"" + Snapshots.MIG_UUID
        + "\"} " + 13 * Snapshots.MIB + "\n"), text);
    assertTrue(text.contains("nvidia_gpu_memory_used_bytes{GPU_I_ID=\"\",jobid=\"\",minor_number=\"1\""), text);
    assertFalse(text.lines().anyMatch(l -> l.startsWith("nvidia_gpu_duty_cycle") && l.contains("ordinal=\"1\"")), text);
    assertFalse(text.contains("nvidia_gpu_jobId{"), "no job, no jobId series");
  }

  /** jobstats' GPM families in GpuField's GPM order (Snapshots.gpm gives them base, base + 1, ...). */
  static final List<String> GPM_FAMILIES = List.of("graphics_util_percent", "sm_util_percent",
      "sm_occupancy_percent", "integer_util", "any_tensor_util_percent", "dram_bw_util_percent", "fp64_util_percent",
      "fp32_util_percent", "fp16_util_percent", "pcie_tx_per_sec", "pcie_rx_per_sec", "nvlink_total_rx_per_sec",
      "nvlink_total_tx_per_sec");

  @Test
  void everyGpmFamilyForWholeGpusAndMigInstancesWithJobstatsUnits() throws Exception {
    String text = Exposition.text(metrics.render(Snapshots.gpmEverywhere(), GpuJobOwners.NONE));
    Map<String, String> gpu0 = entity("0", Snapshots.UUID0, "NVIDIA H100 80GB HBM3", "");
    Map<String, String> gpu1 = entity("1", Snapshots.UUID1, "NVIDIA H100 80GB HBM3", "");
    Map<String, String> mig = entity("1", Snapshots.MIG_UUID, "NVIDIA H100 80GB HBM3 MIG 3g.40gb", "2");
    for (int i = 0; i < GPM_FAMILIES.size(); i++) {
      String name = "nvidia_gpu_" + GPM_FAMILIES.get(i);
      boolean bytes = name.endsWith("_per_sec");
      assertEquals(List.of(bytes ? (10 + i) * Snapshots.MIB : (10 + i) / 100.0), values(text, name, gpu0), name);
      assertEquals(List.of(bytes ? (20 + i) * Snapshots.MIB : (20 + i) / 100.0), values(text, name, gpu1), name);
      assertEquals(List.of(bytes ? (30 + i) * Snapshots.MIB : (30 + i) / 100.0), values(text, name, mig), name);
    }
    assertTrue(text.contains("# TYPE nvidia_gpu_integer_util gauge\n"), text);
    assertTrue(text.contains("# HELP nvidia_gpu_nvlink_total_rx_per_sec NvLink read bandwidth for all links in"
        + " bytes/sec\n"), text);
    Promtool.checkMetrics(text, CompatibilityLint.GPU_PROFILES);
  }

  @Test
  void clockEventReasonsAndFanSpeedAreThePhysicalGpusOnEveryEntity() {
    String text = Exposition.text(metrics.render(Snapshots.gpmEverywhere(), GpuJobOwners.NONE));
    Map<String, String> gpu0 = entity("0", Snapshots.UUID0, "NVIDIA H100 80GB HBM3", "");
    Map<String, String> mig = entity("1", Snapshots.MIG_UUID, "NVIDIA H100 80GB HBM3 MIG 3g.40gb", "2");
    assertEquals(List.of(72.0), values(text, "nvidia_gpu_clock_event_reason",
        with(gpu0, "reason", "hwslowdown,hwthermalslowdown")));
    assertEquals(List.of(0.0), values(text, "nvidia_gpu_clock_event_reason", with(mig, "reason", "none")));
    assertEquals(3, ExpositionSamples.count(text, "nvidia_gpu_clock_event_reason", Map.of()));
    assertEquals(List.of(35.0), values(text, "nvidia_gpu_fanspeed_percent", gpu0));
    assertEquals(1, ExpositionSamples.count(text, "nvidia_gpu_fanspeed_percent", Map.of()), "GPU 1 has no fan");
  }

  @Test
  void lostGpuHasLastErrorWithNvmlsCodeAndNoOtherSeries() {
    String text = Exposition.text(metrics.render(Snapshots.gpmEverywhere(), GpuJobOwners.NONE));
    assertEquals(List.of(15.0), values(text, "nvidia_gpu_last_error", Map.of("ordinal", "2", "minor_number", "2",
        "uuid", Snapshots.UUID2, "name", "NVIDIA H100 80GB HBM3", "GPU_I_ID", "")));
    assertEquals(1, ExpositionSamples.count(text, "nvidia_gpu_last_error", Map.of()), "only the lost GPU");
    assertFalse(text.lines().anyMatch(l -> l.startsWith("nvidia_gpu_") && !l.startsWith("nvidia_gpu_last_error")
        && l.contains(Snapshots.UUID2)), text);
    assertTrue(text.contains("nvidia_gpu_num_devices 3.0\n"), text);
  }

  @Test
  void clockEventReasonWordsAreJobstatsInBitOrder() {
    assertEquals("none", ClockEventReasons.label(0));
    assertEquals("idle", ClockEventReasons.label(0x1));
    assertEquals("idle,application,swpowercap,hwslowdown,syncboost,swthermalslowdown,hwthermalslowdown,"
        + "hwpowerbrakeslowdown,limited", ClockEventReasons.label(0x1ff));
    assertEquals("swpowercap", ClockEventReasons.label(0x4 | 0x200), "bits without a word are left out");
    assertEquals("", ClockEventReasons.label(0x400));
  }

  private static Map<String, String> entity(String ordinal, String uuid, String name, String gpuInstance) {
    return Map.of("ordinal", ordinal, "minor_number", ordinal, "uuid", uuid, "name", name, "GPU_I_ID", gpuInstance,
        "jobid", "", "userid", "");
  }

  private static Map<String, String> with(Map<String, String> labels, String name, String value) {
    Map<String, String> more = new HashMap<>(labels);
    more.put(name, value);
    return more;
  }

  private static List<Double> values(String text, String name, Map<String, String> labels) {
    return ExpositionSamples.values(text, name, labels);
  }

  @Test
  void gpustatFilesAreTheFallbackInJobstatsLookupOrder() {
    GpuJobOwners owners = new GpuJobOwners(HpcJobMap.EMPTY, Map.of(),
        Map.of(Snapshots.MIG_UUID, "300 1001\n", "1", "301 1002\n", "0", "bogus content here"));
    assertEquals(List.of(new JobOwner("300", "1001")), owners.owners(1, Optional.of(2), Snapshots.MIG_UUID));
    assertEquals(List.of(new JobOwner("301", "1002")), owners.owners(1, Optional.empty(), Snapshots.UUID1));
    assertEquals(List.of(), owners.owners(0, Optional.empty(), Snapshots.UUID0));
  }
}
