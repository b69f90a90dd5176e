package io.dgxmon.exporter.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.exporter.check.DirFacts.Skipped;
import io.dgxmon.exporter.check.FieldResult.Outcome;
import io.dgxmon.exporter.gpu.GpuDevice;
import io.dgxmon.exporter.gpu.GpuError;
import io.dgxmon.exporter.gpu.GpuField;
import io.dgxmon.exporter.gpu.GpuIdentity;
import io.dgxmon.exporter.gpu.GpuSnapshot;
import io.dgxmon.exporter.gpu.MigInstance;
import io.dgxmon.exporter.gpu.MigMode;
import io.dgxmon.exporter.gpu.NvmlGpuSource.NvmlOutcomes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report from plain facts: sections, per-field outcomes, the summary line and the exit code. */
class CheckReportTest {
  static final GpuIdentity GPU0 = new GpuIdentity(0, 0, "GPU-0", "00000000:18:00.0", "NVIDIA H100 80GB HBM3");
  static final GpuIdentity GPU1 = new GpuIdentity(1, 1, "GPU-1", "00000000:28:00.0", "NVIDIA H100 80GB HBM3");
  static final MigInstance MIG = new MigInstance(2, "3g.40gb", "MIG-a", "NVIDIA H100 80GB HBM3 MIG 3g.40gb",
      Map.of(GpuField.FB_USED_BYTES, 13.0 * 1048576, GpuField.FB_TOTAL_BYTES, 40192.0 * 1048576));

  static String describe(int rc) {
    return Map.of(3, "Not Supported", 4, "Insufficient Permissions", 15, "GPU is lost").get(rc) + " (" + rc + ")";
  }

  static GpuFacts upGpu() {
    GpuDevice device = new GpuDevice(GPU0, Map.of(GpuField.POWER_MILLIWATTS, 71123.0, GpuField.GPU_TEMP_C, 31.0),
        List.of(), Optional.empty());
    NvmlOutcomes outcomes = new NvmlOutcomes(Map.of(GpuField.POWER_MILLIWATTS, 0, GpuField.GPU_TEMP_C, 0,
        GpuField.FAN_SPEED_PERCENT, 3, GpuField.ECC_CORRECTED_VOLATILE, 4), MigMode.DISABLED, false);
    return GpuFacts.of(device, outcomes, CheckReportTest::describe, rc -> rc == 3 || rc == 4);
  }

  static GpuFacts lostMigGpu() {
    GpuDevice device = new GpuDevice(GPU1, Map.of(), List.of(MIG), Optional.empty());
    GpuDevice lost = GpuDevice.failed(GPU1, new GpuError(15, "nvmlDeviceGetPowerUsage: GPU is lost (15)"));
    NvmlOutcomes outcomes = new NvmlOutcomes(Map.of(GpuField.SM_CLOCK_MHZ, 0, GpuField.POWER_MILLIWATTS, 15),
        MigMode.ENABLED, false);
    GpuFacts facts = GpuFacts.of(lost, outcomes, CheckReportTest::describe, rc -> rc == 3 || rc == 4);
    return new GpuFacts(facts.identity(), facts.error(), facts.fields(), false, MigMode.ENABLED,
        device.migInstances());
  }

  static CheckReport report(PortFacts.State dcgmPort, NvmlFacts nvml) {
    return report(dcgmPort, "Address already in use", nvml);
  }

  static CheckReport report(PortFacts.State dcgmPort, String dcgmDetail, NvmlFacts nvml) {
    return new CheckReport("/etc/dgxmon/exporter.json", "dgx-01", nvml,
        new CgroupFacts(Path.of("/sys/fs/cgroup"), "v2", List.of("system.slice/slurmstepd.scope"),
            List.of("17", "18"), Optional.empty()),
        List.of(new DirFacts("job map", Optional.of(Path.of("/run/dcgm-job-map")), DirFacts.State.PRESENT, "", 2, 2,
                "2 jobs on 2 GPUs (0: 17; 1.2: 18)", List.of(new Skipped("foo", "name is not <gpu>"))),
            DirFacts.missing("job info", Path.of("/run/dgxmon/jobs")), DirFacts.off("gpustat")),
        new MigMapFacts(Path.of("/run/dgxmon/mig-uuids"), Optional.of("GPU-0 0\nGPU-1 1\nMIG-a 1.2\n"),
            Optional.empty(), Optional.of("GPU-0 0\nGPU-1 1\nMIG-a 1.2\n")),
        List.of(new PortFacts("dcgm", ListenAddress.parse(":9400"), dcgmPort, dcgmDetail),
            new PortFacts("gpu", ListenAddress.parse(":9445"), PortFacts.State.DGXMON, ""),
            new PortFacts("cgroup", Optional.empty(), PortFacts.State.OFF, "")),
        EnergyFacts.off(Path.of("/sys/class/powercap")));
  }

  static NvmlFacts twoGpus() {
    return NvmlFacts.read("/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1", "12.550.54.15",
        List.of(upGpu(), lostMigGpu()), new GpuSnapshot("550.54.15", List.of()));
  }

  @Test
  void everyFieldSaysWhatNvmlAnswered() {
    List<String> text = report(PortFacts.State.FREE, twoGpus()).text();
    assertTrue(text.contains("INFO gpu 0: POWER_MILLIWATTS 71123"), String.join("\n", text));
    assertTrue(text.contains("INFO gpu 0: FAN_SPEED_PERCENT not supported"));
    assertTrue(text.contains("INFO gpu 0: ECC_CORRECTED_VOLATILE no value: Insufficient Permissions (4)"));
    assertTrue(text.contains("INFO gpu 0: LAST_XID not read (XID events are watched while the service runs)"));
    assertTrue(text.contains("INFO gpu 0: GPM_GRAPHICS_UTIL_PERCENT not supported (no GPM on this GPU)"));
    assertTrue(text.contains("INFO gpu 0: MIG disabled"));
    assertTrue(text.contains("WARN gpu 1: GPU-1 \"NVIDIA H100 80GB HBM3\", PCI 00000000:28:00.0, minor 1 is down:"
        + " nvmlDeviceGetPowerUsage: GPU is lost (15) (the service exports dgxmon_gpu_up 0 and no other series"
        + " for it)"));
    assertTrue(text.contains("INFO gpu 1: POWER_MILLIWATTS error: GPU is lost (15)"));
    assertTrue(text.contains("INFO gpu 1: FAN_SPEED_PERCENT not read (the GPU failed before this call)"));
    assertTrue(text.contains("INFO gpu 1: MIG enabled, 1 GPU instance"));
    assertTrue(text.contains("INFO gpu 1: MIG instance 1.2 3g.40gb MIG-a, memory used 13 of 40192 MiB"));
  }

  @Test
  void sectionsComeInOrderWithStablePrefixes() {
    List<String> text = report(PortFacts.State.FREE, twoGpus()).text();
    assertEquals(CheckReport.HEADER, text.get(0));
    assertEquals(List.of("[config]", "[nvml]", "[gpu 0]", "[gpu 1]", "[cgroup]", "[files]", "[energy]", "[listen]",
        "[result]"),
        text.stream().filter(l -> l.startsWith("[")).toList());
    assertTrue(text.stream().skip(1).filter(l -> !l.startsWith("["))
        .allMatch(l -> l.matches("(OK  |WARN|FAIL|INFO) [a-z0-9 ]+: .*")), String.join("\n", text));
    assertTrue(text.contains("OK   nvml: /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1: driver 550.54.15,"
        + " NVML 12.550.54.15, 2 GPUs"));
    assertTrue(text.contains("OK   cgroup: v2 at /sys/fs/cgroup; Slurm directories: system.slice/slurmstepd.scope"));
    assertTrue(text.contains("INFO cgroup: 2 job cgroups: 17, 18"));
    assertTrue(text.contains("OK   job map: /run/dcgm-job-map: 2 files read: 2 jobs on 2 GPUs (0: 17; 1.2: 18)"));
    assertTrue(text.contains("INFO job map: skips foo: name is not <gpu>"));
    assertTrue(text.contains("INFO gpustat: off"));
    assertTrue(text.contains("OK   mig map: /run/dgxmon/mig-uuids: 3 lines (1 MIG); matches what the service"
        + " would write"));
    assertTrue(text.contains("OK   listen: gpu profile on :9445: in use by a running dgxmon-exporter"
        + " (answers /metrics)"));
  }

  @Test
  void aFreePortAndWarningsStillMeanTheServiceWouldServe() {
    CheckReport report = report(PortFacts.State.FREE, twoGpus());
    assertEquals(ExitCodes.OK, report.exitCode());
    assertEquals("2 GPUs, driver 550.54.15, cgroup v2, 2 jobs mapped", report.summary());
    List<String> text = report.text();
    assertEquals("INFO summary: 2 GPUs, driver 550.54.15, cgroup v2, 2 jobs mapped", text.get(text.size() - 2));
    assertEquals("OK   result: the service would start and serve (1 warning)", text.get(text.size() - 1));
  }

  @Test
  void aTakenPortFailsTheCheck() {
    CheckReport report = report(PortFacts.State.IN_USE, twoGpus());
    assertEquals(ExitCodes.RUNTIME_FAILURE, report.exitCode());
    List<String> text = report.text();
    assertTrue(text.contains("FAIL listen: dcgm profile on :9400 cannot be bound: Address already in use"));
    assertEquals("FAIL result: the service would not start: listen: dcgm profile on :9400 cannot be bound:"
        + " Address already in use", text.get(text.size() - 1));
  }

  @Test
  void aPortHeldBehindTlsOrBasicAuthIsOk() {
    CheckReport report = report(PortFacts.State.PROTECTED, "TLS", twoGpus());
    assertEquals(ExitCodes.OK, report.exitCode());
    assertTrue(report.text().contains("OK   listen: dcgm profile on :9400: in use by a service that asks for TLS"
        + " (as a dgxmon-exporter with --web.config.file does; not scraped)"), report.text().toString());
  }

  @Test
  void missingNvmlIsAWarningNotAFailure() {
    CheckReport report = report(PortFacts.State.FREE,
        NvmlFacts.unavailable("NVML library libnvidia-ml.so.1 not found"));
    assertEquals(ExitCodes.OK, report.exitCode());
    assertEquals("no NVML, cgroup v2, 2 jobs mapped", report.summary());
    assertTrue(report.text().contains("WARN nvml: NVML library libnvidia-ml.so.1 not found (the service still"
        + " starts; its GPU collectors report dgxmon_scrape_collector_success 0)"));
  }

  @Test
  void fieldNumbersPrintWithoutATrailingFraction() {
    assertEquals("71123", FieldResult.number(71123.0));
    assertEquals("45.5", FieldResult.number(45.5));
    assertEquals(Outcome.NOT_SUPPORTED, upGpu().fields().get(GpuField.FAN_SPEED_PERCENT.ordinal()).outcome());
  }
}
