package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.CompatibilityLint;
import io.dgxmon.exporter.cgroup.Exposition;
import io.dgxmon.exporter.jobs.JobInfo;
import io.dgxmon.testkit.Promtool;
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

  @Test
  void gpustatFilesAreTheFallbackInJobstatsLookupOrder() {
    GpuJobOwners owners = new GpuJobOwners(HpcJobMap.EMPTY, Map.of(),
        Map.of(Snapshots.MIG_UUID, "300 1001\n", "1", "301 1002\n", "0", "bogus content here"));
    assertEquals(List.of(new JobOwner("300", "1001")), owners.owners(1, Optional.of(2), Snapshots.MIG_UUID));
    assertEquals(List.of(new JobOwner("301", "1002")), owners.owners(1, Optional.empty(), Snapshots.UUID1));
    assertEquals(List.of(), owners.owners(0, Optional.empty(), Snapshots.UUID0));
  }
}
