package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.CompatibilityLint;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Promtool;
import io.dgxmon.testkit.nvml.NvmlScenario;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter in a child JVM against the C NVML stub: values end to end, MIG, jobs, and the NVML faults. */
class GpuExporterIT {
  @TempDir static Path shared;
  @TempDir Path dir;
  static Path stub;

  @BeforeAll
  static void buildStub() {
    stub = NvmlStub.build(shared.resolve("stub"));
  }

  private ExporterProcess start(NvmlScenario scenario, String library, String... extra) throws Exception {
    Path scenarioFile = scenario.writeTo(dir.resolve("scenario.txt"));
    List<String> args = new ArrayList<>(List.of("--dcgm.listen-address", "127.0.2.1:0",
        "--gpu.listen-address", "127.0.2.1:0", "--cgroup.listen-address", "127.0.2.1:0",
        "--path.cgroup.root", dir.resolve("cgroup").toString(), "--nvml.library", library,
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--mig-map-file", dir.resolve("run/mig-uuids").toString(), "--hostname", "node1"));
    args.addAll(List.of(extra));
    return ExporterProcess.start(dir, scenarioFile, List.of("-Xmx64m"), null, args, 3);
  }

  @Test
  void nvmlValuesArriveEndToEndOnBothProfiles() throws Exception {
    NvmlScenario scenario = NvmlScenario.gpus(2).set(0, "power_mw", 71123).set(0, "energy_mj", 9876543210L)
        .set(0, "memory_temp", 44).set(0, "nvlink_bw_total", 777).set(0, "remap_corr", 3).set(0, "fan", 0)
        .set(0, "xid", 79).set(0, "gpm", 1).set(0, "gpm_graphics_util", 45.5).set(0, "gpm_pcie_tx", 2)
        .mig(1, 0, 2, "3g.40gb", "MIG-aaaa0000-0000-0000-0000-000000000001", 13);
    Files.createDirectories(dir.resolve("map"));
    Files.writeString(dir.resolve("map/0"), "100\n100\n101\n");
    Files.writeString(dir.resolve("map/1.2"), "200\n");
    Files.createDirectories(dir.resolve("jobs"));
    Files.writeString(dir.resolve("jobs/100"), "job_id=100\nuid=4242\nuser=alice\n");
    try (ExporterProcess exporter = start(scenario, stub.toString(), "--collect.max-age", "0s")) {
      exporter.scrape("dcgm"); // GPM needs two samples
      String gpu0 = "gpu=\"0\",UUID=\"" + NvmlScenario.uuid(0) + "\",pci_bus_id=\"00000000:18:00.0\","
          + "device=\"nvidia0\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"node1\","
          + "DCGM_FI_DRIVER_VERSION=\"550.144.03\",hpc_job=\"100\"}";
      // The XID thread reports after its first wait for events.
      String dcgm = Await.until("XID 79 of GPU 0 on the dcgm profile", Duration.ofSeconds(10),
          () -> exporter.scrape("dcgm"), text -> text.contains("DCGM_FI_DEV_XID_ERRORS{" + gpu0 + " 79\n"));
      // dcgm-exporter's number formats: DOUBLE fields with %f, INT64 fields with %d
      assertTrue(dcgm.contains("DCGM_FI_DEV_POWER_USAGE{" + gpu0 + " 71.123000\n"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{" + gpu0 + " 9876543210\n"), dcgm);
      assertTrue(dcgm.contains("# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_DEV_MEMORY_TEMP{" + gpu0 + " 44\n"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL{" + gpu0 + " 777\n"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS{" + gpu0 + " 3\n"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_DEV_FB_USED{" + gpu0 + " 1000\n"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_DEV_FB_RESERVED{" + gpu0 + " 559\n"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_DEV_XID_ERRORS{" + gpu0 + " 79\n"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_PROF_GR_ENGINE_ACTIVE{" + gpu0 + " 0.455000\n"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_PROF_PCIE_TX_BYTES{" + gpu0 + " 2097152\n"), dcgm);
      assertTrue(dcgm.contains(gpu0.replace("hpc_job=\"100\"", "hpc_job=\"101\"")), "second job of GPU 0: " + dcgm);
      assertEquals(1, dcgm.lines().filter(l -> l.startsWith("DCGM_FI_DEV_GPU_TEMP{") && l.contains("hpc_job=\"100\"")).count());
      assertTrue(dcgm.contains("modelName=\"NVIDIA H100 80GB HBM3\",GPU_I_PROFILE=\"3g.40gb\",GPU_I_ID=\"2\","
          + "Hostname=\"node1\""), dcgm);
      assertTrue(dcgm.contains("hpc_job=\"200\""), dcgm);
      assertFalse(dcgm.lines().anyMatch(l -> l.startsWith("DCGM_FI_PROF_") && l.contains("gpu=\"1\"")), "no GPM on GPU 1");
      assertTrue(dcgm.contains("dgxmon_scrape_collector_success{collector=\"nvml\"} 1.0"), dcgm);
      Promtool.checkMetrics(dcgm, CompatibilityLint.GPU_PROFILES);

      String jobstats = exporter.scrape("gpu");
      String gpu0Job = "GPU_I_ID=\"\",jobid=\"100\",minor_number=\"0\",name=\"NVIDIA H100 80GB HBM3\",ordinal=\"0\","
          + "userid=\"4242\",uuid=\"" + NvmlScenario.uuid(0) + "\"}";
      assertTrue(jobstats.contains("nvidia_gpu_power_usage_milliwatts{" + gpu0Job + " 71123.0"), jobstats);
      assertTrue(jobstats.contains("nvidia_gpu_memory_used_bytes{" + gpu0Job + " " + 1000.0 * 1048576), jobstats);
      assertTrue(jobstats.contains("nvidia_gpu_jobId{" + gpu0Job + " 100.0"), jobstats);
      assertTrue(jobstats.contains("nvidia_gpu_jobUid{" + gpu0Job + " 4242.0"), jobstats);
      assertTrue(jobstats.contains("nvidia_gpu_num_devices 2.0"), jobstats);
      assertTrue(jobstats.contains("uuid=\"MIG-aaaa0000-0000-0000-0000-000000000001\""), jobstats);
      Promtool.checkMetrics(jobstats, CompatibilityLint.GPU_PROFILES);

      assertEquals(NvmlScenario.uuid(0) + " 0\n" + NvmlScenario.uuid(1) + " 1\n"
          + "MIG-aaaa0000-0000-0000-0000-000000000001 1.2\n", Files.readString(dir.resolve("run/mig-uuids")));
    }
  }

  @Test
  void jobstatsGpmSetClockReasonsAndMigGpmFromTheStub() throws Exception {
    // The stub's scenario keys, in the order of JobstatsGpuMetricsTest.GPM_FAMILIES.
    String[] gpm = {"graphics_util", "sm_util", "sm_occupancy", "integer_util", "tensor_util", "dram_util", "fp64_util",
        "fp32_util", "fp16_util", "pcie_tx", "pcie_rx", "nvlink_rx", "nvlink_tx"};
    String migUuid = "MIG-aaaa0000-0000-0000-0000-000000000001";
    NvmlScenario scenario = NvmlScenario.gpus(2).set(0, "gpm", 1).set(0, "clock_event_reasons", 72).set(0, "fan", 35)
        .set(1, "gpm", 1).set(1, "clock_event_reasons", 0).mig(1, 0, 2, "3g.40gb", migUuid, 13);
    for (int i = 0; i < gpm.length; i++) {
      scenario.set(0, "gpm_" + gpm[i], 10 + i).set(1, "mig.0.gpm_" + gpm[i], 30 + i);
    }
    Files.createDirectories(dir.resolve("map"));
    Files.writeString(dir.resolve("map/1.2"), "200\n");
    Files.createDirectories(dir.resolve("jobs"));
    Files.writeString(dir.resolve("jobs/200"), "job_id=200\nuid=4243\nuser=bob\n");
    try (ExporterProcess exporter = start(scenario, stub.toString(), "--collect.max-age", "0s")) {
      exporter.scrape("gpu"); // GPM needs two samples
      String jobstats = exporter.scrape("gpu");
      Map<String, String> gpu0 = Map.of("ordinal", "0", "minor_number", "0", "uuid", NvmlScenario.uuid(0),
          "name", "NVIDIA H100 80GB HBM3", "GPU_I_ID", "", "jobid", "", "userid", "");
      Map<String, String> mig = Map.of("ordinal", "1", "minor_number", "1", "uuid", migUuid,
          "name", "NVIDIA H100 80GB HBM3 MIG 3g.40gb", "GPU_I_ID", "2", "jobid", "200", "userid", "4243");
      for (int i = 0; i < gpm.length; i++) {
        String name = "nvidia_gpu_" + JobstatsGpuMetricsTest.GPM_FAMILIES.get(i);
        boolean bytes = name.endsWith("_per_sec");
        assertEquals(List.of(bytes ? (10 + i) * 1048576.0 : (10 + i) / 100.0),
            ExpositionSamples.values(jobstats, name, gpu0), name + "\n" + jobstats);
        assertEquals(List.of(bytes ? (30 + i) * 1048576.0 : (30 + i) / 100.0),
            ExpositionSamples.values(jobstats, name, mig), name + "\n" + jobstats);
      }
      Map<String, String> gpu0Reason = new HashMap<>(gpu0);
      gpu0Reason.put("reason", "hwslowdown,hwthermalslowdown");
      assertEquals(List.of(72.0), ExpositionSamples.values(jobstats, "nvidia_gpu_clock_event_reason", gpu0Reason));
      Map<String, String> migReason = new HashMap<>(mig);
      migReason.put("reason", "none");
      assertEquals(List.of(0.0), ExpositionSamples.values(jobstats, "nvidia_gpu_clock_event_reason", migReason));
      assertEquals(List.of(35.0), ExpositionSamples.values(jobstats, "nvidia_gpu_fanspeed_percent", gpu0));
      Promtool.checkMetrics(jobstats, CompatibilityLint.GPU_PROFILES);

      String dcgm = exporter.scrape("dcgm");
      Map<String, String> migDcgm = Map.of("gpu", "1", "UUID", NvmlScenario.uuid(1),
          "pci_bus_id", "00000000:28:00.0", "device", "nvidia1", "modelName", "NVIDIA H100 80GB HBM3",
          "GPU_I_PROFILE", "3g.40gb", "GPU_I_ID", "2", "Hostname", "node1", "DCGM_FI_DRIVER_VERSION", "550.144.03",
          "hpc_job", "200");
      assertEquals(List.of(0.3), ExpositionSamples.values(dcgm, "DCGM_FI_PROF_GR_ENGINE_ACTIVE", migDcgm), dcgm);
      assertEquals(List.of(0.34), ExpositionSamples.values(dcgm, "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", migDcgm), dcgm);
      assertEquals(List.of(0.35), ExpositionSamples.values(dcgm, "DCGM_FI_PROF_DRAM_ACTIVE", migDcgm), dcgm);
    }
  }

  @Test
  void lostGpuIsDownOthersStillReported() throws Exception {
    try (ExporterProcess exporter = start(NvmlScenario.gpus(3).set(1, "error", 15), stub.toString())) {
      String dcgm = exporter.scrape("dcgm");
      assertTrue(dcgm.contains("dgxmon_gpu_up{UUID=\"" + NvmlScenario.uuid(0) + "\",gpu=\"0\"} 1.0"), dcgm);
      assertTrue(dcgm.contains("dgxmon_gpu_up{UUID=\"\",gpu=\"1\"} 0.0"), dcgm);
      assertTrue(dcgm.contains("dgxmon_gpu_up{UUID=\"" + NvmlScenario.uuid(2) + "\",gpu=\"2\"} 1.0"), dcgm);
      assertTrue(dcgm.contains("DCGM_FI_DEV_GPU_TEMP{") && dcgm.contains("gpu=\"2\""), dcgm);
      assertFalse(dcgm.lines().anyMatch(l -> l.startsWith("DCGM_FI_") && l.contains("gpu=\"1\"")), dcgm);
      assertTrue(exporter.log().contains("GPU 1"), exporter.log());
      assertTrue(exporter.log().contains("GPU is lost (15)"), exporter.log());
      String jobstats = exporter.scrape("gpu");
      assertEquals(List.of(15.0), ExpositionSamples.values(jobstats, "nvidia_gpu_last_error", Map.of("ordinal", "1",
          "minor_number", "1", "uuid", "", "name", "", "GPU_I_ID", "")), jobstats);
      assertEquals(1, ExpositionSamples.count(jobstats, "nvidia_gpu_last_error", Map.of()), jobstats);
    }
  }

  @Test
  void hangingCallServesLastGoodValuesWithinTimeoutWithoutThreadPileUp() throws Exception {
    NvmlScenario scenario = NvmlScenario.gpus(2);
    try (ExporterProcess exporter = start(scenario, stub.toString(), "--nvml.timeout", "1s",
        "--collect.max-age", "0s")) {
      String good = exporter.scrape("dcgm");
      assertTrue(good.contains("dgxmon_scrape_collector_success{collector=\"nvml\"} 1.0"), good);
      scenario.hang("nvmlDeviceGetPowerUsage", 3600).writeTo(dir.resolve("scenario.txt"));
      int threadsBefore = threads(exporter.pid());
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        String dcgm = exporter.scrape(i % 2 == 0 ? "dcgm" : "gpu");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 3, "scrape took " + seconds + " s");
        assertTrue(dcgm.contains("dgxmon_scrape_collector_success{collector=\"nvml\"} 0.0"), dcgm);
        assertTrue(dcgm.contains(NvmlScenario.uuid(1)), "last good values are served: " + dcgm);
      }
      int threadsAfter = threads(exporter.pid());
      assertTrue(threadsAfter <= threadsBefore + 3, "threads " + threadsBefore + " -> " + threadsAfter);
      assertTrue(exporter.log().contains("did not answer within 1.0s"), exporter.log());
    }
  }

  @Test
  void noNvmlLibraryLeavesCgroupProfileWorkingWithOneLogLine() throws Exception {
    try (ExporterProcess exporter = start(NvmlScenario.gpus(1), dir.resolve("missing/libnvidia-ml.so.1").toString())) {
      String dcgm = exporter.scrape("dcgm");
      exporter.scrape("gpu");
      assertTrue(dcgm.contains("dgxmon_scrape_collector_success{collector=\"nvml\"} 0.0"), dcgm);
      assertFalse(dcgm.contains("DCGM_FI_"), dcgm);
      exporter.scrape("cgroup");
      assertTrue(exporter.alive());
      String log = exporter.log();
      assertEquals(1, log.lines().filter(l -> l.contains("NVML")).count(), log);
      assertTrue(log.contains("not found"), log);
    }
  }

  @Test
  void driverNotLoadedIsReportedLikeAMissingLibrary() throws Exception {
    try (ExporterProcess exporter = start(NvmlScenario.gpus(1).put("init_error", 9), stub.toString())) {
      String gpu = exporter.scrape("gpu");
      assertTrue(gpu.contains("dgxmon_scrape_collector_success{collector=\"nvml\"} 0.0"), gpu);
      assertTrue(exporter.log().contains("Driver Not Loaded (9)"), exporter.log());
    }
  }

  private static int threads(long pid) throws Exception {
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      return (int) tasks.count();
    }
  }
}
