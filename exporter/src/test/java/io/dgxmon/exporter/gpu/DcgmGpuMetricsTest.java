package io.dgxmon.exporter.gpu;

import static io.dgxmon.exporter.dcgm.DcgmExporterSamples.counters;
import static io.dgxmon.exporter.dcgm.DcgmExporterSamples.exposition;
import static io.dgxmon.exporter.dcgm.DcgmExporterSamples.optInCounters;
import static io.dgxmon.exporter.dcgm.DcgmExporterSamples.sampleLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.CompatibilityLint;
import io.dgxmon.exporter.cgroup.Exposition;
import io.dgxmon.exporter.dcgm.DcgmExporterSamples.CsvRow;
import io.dgxmon.exporter.dcgm.DcgmTextWriter;
import io.dgxmon.testkit.Promtool;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DcgmGpuMetricsTest {
  /**
   * The fields we export whose DCGM type is {@code DCGM_FT_DOUBLE} (printed {@code %f}); every other one is
   * {@code DCGM_FT_INT64} ({@code %d}). Source: DCGM's dcgmlib/src/dcgm_fields.cpp at 72fa3fea (DCGM 4.6.0), see
   * docs/reference/exporters.md.
   */
  private static final Set<String> DOUBLES = Set.of("DCGM_FI_DEV_POWER_USAGE", "DCGM_FI_PROF_GR_ENGINE_ACTIVE",
      "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE", "DCGM_FI_PROF_DRAM_ACTIVE");
  /** default-counters.csv rows that are no family here: vGPU only, and the {@code label} row (a label instead). */
  private static final Set<String> NOT_EXPORTED = Set.of("DCGM_FI_DEV_VGPU_LICENSE_STATUS", "DCGM_FI_DRIVER_VERSION");
  private static final HpcJobMap JOBS = new HpcJobMap(Map.of("0", List.of("100", "101"), "1.2", List.of("200")));

  private final DcgmGpuMetrics metrics = new DcgmGpuMetrics("Hostname", "node1");

  /** The dcgm fields as :9400 writes them. */
  static String fields(DcgmGpuMetrics.Page page) {
    StringBuilder text = new StringBuilder();
    DcgmTextWriter.write(page.fields(), text);
    return text.toString();
  }

  /** All of :9400's profile part: the fields, then {@code dgxmon_gpu_up} from client_java. */
  static String page(DcgmGpuMetrics.Page page) {
    return fields(page) + Exposition.text(page.own());
  }

  /**
   * Every exported field, line by line: HELP and TYPE exactly as the CSV row (samples: default-counters.csv, else
   * its commented-out opt-in rows), labels in dcgm-exporter's order (samples: real-dcgm-exporter-568-k8s-pod-2025.prom
   * for a GPU, real-dra-driver-166-mig-a100-2024.prom for a MIG instance), the value as {@code %d} or {@code %f}.
   */
  @Test
  void everyExportedFieldIsWrittenAsDcgmExporterWritesIt() {
    Map<String, CsvRow> csv = new HashMap<>(optInCounters("default-counters.csv"));
    csv.putAll(counters("default-counters.csv"));
    List<String> gpuOrder = new ArrayList<>(DcgmFormat.labelOrder(
        sampleLines(exposition("real-dcgm-exporter-568-k8s-pod-2025.prom")).get(0)));
    gpuOrder.removeAll(List.of("container", "namespace", "pod"));
    List<String> migOrder = DcgmFormat.labelOrder(sampleLines(exposition("real-dra-driver-166-mig-a100-2024.prom"))
        .get(0));
    Set<String> families = new LinkedHashSet<>();
    List<String> lines = fields(metrics.render(Snapshots.twoGpus(), JOBS)).lines().toList();
    String family = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("# HELP ")) {
        family = line.split(" ")[2];
        CsvRow row = csv.get(family);
        assertTrue(row != null, family + " is in no dcgm-exporter counter CSV");
        assertTrue(families.add(family), "one HELP per family: " + family);
        assertEquals("# HELP " + family + " " + row.help(), line);
        assertEquals("# TYPE " + family + " " + row.type(), lines.get(++i));
        continue;
      }
      String[] nameAndValue = DcgmFormat.nameAndValue(line);
      assertEquals(family, nameAndValue[0], line);
      List<String> expected = new ArrayList<>(line.contains("GPU_I_ID=") ? migOrder : gpuOrder);
      expected.add("hpc_job");
      assertEquals(expected, DcgmFormat.labelOrder(line), line);
      assertTrue(nameAndValue[1].matches(DOUBLES.contains(family) ? "\\d+\\.\\d{6}" : "\\d+"), line);
    }
    Set<String> expected = new LinkedHashSet<>(counters("default-counters.csv").keySet());
    expected.removeAll(NOT_EXPORTED);
    assertEquals(expected, families);
    assertTrue(families.containsAll(DOUBLES));
  }

  /** Our hand-rendered dcgm-exporter exposition of Snapshots.twoGpus(), byte for byte. */
  @Test
  void matchesDcgmExporterExpositionByteForByte() throws IOException {
    assertEquals(resource("dcgm-exporter-two-gpus.txt"), fields(metrics.render(Snapshots.twoGpus(), JOBS)));
  }

  @Test
  void countersAreTypedCounterAndKeepTheirNames() {
    String ours = fields(metrics.render(Snapshots.twoGpus(), JOBS));
    for (String counter : List.of("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "DCGM_FI_DEV_PCIE_REPLAY_COUNTER",
        "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS",
        "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS")) {
      assertTrue(ours.contains("# TYPE " + counter + " counter\n"), ours);
    }
    assertFalse(ours.contains("_total"), ours);
    assertFalse(ours.contains("untyped"), ours);
  }

  @Test
  void migInstanceLineInDcgmExportersLabelOrder() {
    String ours = fields(metrics.render(Snapshots.twoGpus(), JOBS));
    assertTrue(ours.contains("DCGM_FI_DEV_FB_USED{gpu=\"1\",UUID=\"" + Snapshots.UUID1 + "\",pci_bus_id="
        + "\"00000000:2A:00.0\",device=\"nvidia1\",modelName=\"NVIDIA H100 80GB HBM3\",GPU_I_PROFILE=\"3g.40gb\","
        + "GPU_I_ID=\"2\",Hostname=\"node1\",DCGM_FI_DRIVER_VERSION=\"550.144.03\",hpc_job=\"200\"} 13\n"), ours);
  }

  @Test
  void aGpuWithSeveralJobsHasEachSeriesOncePerJob() {
    List<String> gpu0 = fields(metrics.render(Snapshots.twoGpus(), JOBS)).lines()
        .filter(l -> l.contains("gpu=\"0\"")).toList();
    List<String> job100 = gpu0.stream().filter(l -> l.contains(",hpc_job=\"100\"}")).toList();
    assertEquals(24, job100.size(), String.join("\n", gpu0));
    assertEquals(job100.stream().map(l -> l.replace("hpc_job=\"100\"", "hpc_job=\"101\"")).toList(),
        gpu0.stream().filter(l -> l.contains(",hpc_job=\"101\"}")).toList());
    assertEquals(48, gpu0.size());
  }

  @Test
  void gpuWithoutJobFileHasNoHpcJobLabelAndHostnameLabelIsConfigurable() {
    String ours = fields(new DcgmGpuMetrics("hostname", "dgx-01").render(Snapshots.twoGpus(), HpcJobMap.EMPTY));
    String line = ours.lines().filter(l -> l.startsWith("DCGM_FI_DEV_GPU_TEMP{") && l.contains("gpu=\"0\""))
        .findFirst().orElseThrow();
    assertEquals(List.of("gpu", "UUID", "pci_bus_id", "device", "modelName", "hostname", "DCGM_FI_DRIVER_VERSION"),
        DcgmFormat.labelOrder(line));
    assertFalse(ours.contains("hpc_job"));
    String noHost = fields(new DcgmGpuMetrics("Hostname", "").render(Snapshots.twoGpus(), HpcJobMap.EMPTY));
    assertFalse(noHost.contains("ostname="), noHost);
  }

  /** A value NVML did not give is no series (not NaN); a field no GPU gave is no family, not even HELP/TYPE. */
  @Test
  void blankValuesLeaveTheSeriesOut() {
    GpuSnapshot two = Snapshots.twoGpus();
    Map<GpuField, Double> readings = new HashMap<>(two.gpus().get(0).readings());
    readings.remove(GpuField.MEMORY_TEMP_C);
    Map<GpuField, Double> others = new HashMap<>(two.gpus().get(1).readings());
    others.remove(GpuField.MEMORY_TEMP_C);
    others.remove(GpuField.GPU_TEMP_C);
    GpuSnapshot blank = new GpuSnapshot(two.driverVersion(), List.of(
        new GpuDevice(two.gpus().get(0).identity(), readings, List.of(), Optional.empty()),
        new GpuDevice(two.gpus().get(1).identity(), others, two.gpus().get(1).migInstances(), Optional.empty())));
    String ours = fields(metrics.render(blank, HpcJobMap.EMPTY));
    assertFalse(ours.contains("DCGM_FI_DEV_MEMORY_TEMP"), ours);
    assertTrue(ours.contains("DCGM_FI_DEV_GPU_TEMP{gpu=\"0\""), ours);
    assertFalse(ours.contains("DCGM_FI_DEV_GPU_TEMP{gpu=\"1\""), ours);
    assertFalse(ours.contains("NaN"), ours);
  }

  @Test
  void quotesBackslashesAndNewlinesInValuesAreEscaped() throws Exception {
    GpuSnapshot two = Snapshots.twoGpus();
    GpuDevice gpu = two.gpus().get(0);
    GpuSnapshot odd = new GpuSnapshot("550\"x", List.of(new GpuDevice(new GpuIdentity(0, 0, gpu.identity().uuid(),
        gpu.identity().pciBusId(), "Odd \"GPU\" \\ model\nline"), gpu.readings(), List.of(), Optional.empty())));
    String ours = page(metrics.render(odd, new HpcJobMap(Map.of("0", List.of("a\\b")))));
    assertTrue(ours.contains("modelName=\"Odd \\\"GPU\\\" \\\\ model\\nline\",Hostname=\"node1\","
        + "DCGM_FI_DRIVER_VERSION=\"550\\\"x\",hpc_job=\"a\\\\b\"}"), ours);
    Promtool.checkMetrics(ours, CompatibilityLint.GPU_PROFILES);
  }

  @Test
  void lostGpuIsDownAndHasNoOtherSeries() {
    GpuSnapshot two = Snapshots.twoGpus();
    GpuSnapshot lost = new GpuSnapshot(two.driverVersion(),
        List.of(two.gpus().get(0), GpuDevice.failed(two.gpus().get(1).identity(),
            new GpuError(15, "nvmlDeviceGetPowerUsage: GPU is lost (15)"))));
    String ours = page(metrics.render(lost, HpcJobMap.EMPTY));
    assertTrue(ours.contains("dgxmon_gpu_up{UUID=\"" + Snapshots.UUID0 + "\",gpu=\"0\"} 1.0"), ours);
    assertTrue(ours.contains("dgxmon_gpu_up{UUID=\"" + Snapshots.UUID1 + "\",gpu=\"1\"} 0.0"), ours);
    assertFalse(ours.lines().anyMatch(l -> l.startsWith("DCGM_") && l.contains("gpu=\"1\"")), ours);
  }

  @Test
  void gpmMetricsAbsentWithoutGpm() {
    GpuSnapshot snapshot = new GpuSnapshot("550.144.03", List.of(new GpuDevice(
        new GpuIdentity(0, 0, Snapshots.UUID0, "00000000:18:00.0", "NVIDIA A100-SXM4-80GB"), Snapshots.h100Readings(),
        List.of(), Optional.empty())));
    String ours = fields(metrics.render(snapshot, HpcJobMap.EMPTY));
    assertFalse(ours.contains("DCGM_FI_PROF_"), ours);
    assertTrue(ours.contains("DCGM_FI_DEV_POWER_USAGE{"), ours);
  }

  @Test
  void passesPromtool() throws Exception {
    Promtool.checkMetrics(page(metrics.render(Snapshots.twoGpus(), JOBS)), CompatibilityLint.GPU_PROFILES);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = DcgmGpuMetricsTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
