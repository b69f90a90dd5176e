package io.dgxmon.exporter.dcgm;

import static io.dgxmon.exporter.dcgm.DcgmExporterSamples.exposition;
import static io.dgxmon.exporter.dcgm.DcgmExporterSamples.sampleLines;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.exporter.dcgm.DcgmSample.Label;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The writer against dcgm-exporter's own expected renders and real outputs, byte for byte. */
class DcgmTextWriterTest {

  private static String write(DcgmFamily... families) {
    StringBuilder out = new StringBuilder();
    DcgmTextWriter.write(List.of(families), out);
    return out.toString();
  }

  private static List<Label> entity(String... namesAndValues) {
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      labels.add(new Label(namesAndValues[i], namesAndValues[i + 1]));
    }
    return labels;
  }

  private static DcgmSample sample(List<Label> entity, Map<String, String> labels, Map<String, String> attributes,
      DcgmValue value) {
    return new DcgmSample(entity, new TreeMap<>(labels), new TreeMap<>(attributes), value);
  }

  /**
   * Samples: server_test.{HEAD-d5e5f510,tag-4.5.3-4.8.2}.expectedResponse.prom (the HTTP body of dcgm-exporter's
   * TestMetrics at HEAD, host label {@code hostname}, and at the release tag, {@code Hostname}).
   */
  @Test
  void serverTestBodyAtHeadAndReleaseTag() {
    for (String[] version : new String[][] {{"HEAD-d5e5f510", "hostname"}, {"tag-4.5.3-4.8.2", "Hostname"}}) {
      List<Label> entity = entity("gpu", "0", "UUID", "GPU-00000000-0000-0000-0000-000000000000", "pci_bus_id", "",
          "device", "nvidia0", "modelName", "NVIDIA T400 4GB", version[1], "testhost");
      assertEquals(exposition("server_test." + version[0] + ".expectedResponse.prom"), write(new DcgmFamily(
          "TEST_METRIC", DcgmType.GAUGE, "", List.of(sample(entity, Map.of(), Map.of(), new DcgmValue.Int64(42))))));
    }
  }

  /** Samples: render_metrics_test.{HEAD-d5e5f510,tag-4.5.3-4.8.2}.FE_GPU.prom (dcgm-exporter's Test_render, GPU). */
  @Test
  void renderTestGpuGroupAtHeadAndReleaseTag() {
    for (String[] version : new String[][] {{"HEAD-d5e5f510", "hostname"}, {"tag-4.5.3-4.8.2", "Hostname"}}) {
      List<Label> entity = entity("gpu", "0", "test-uuid", "GPU-test-uuid-0000-0000-0000-000000000000",
          "pci_bus_id", "", "device", "testdevice", "modelName", "Test GPU Model", version[1], "testhost");
      assertEquals(exposition("render_metrics_test." + version[0] + ".FE_GPU.prom"), write(new DcgmFamily(
          "TEST_METRIC", DcgmType.GAUGE, "", List.of(sample(entity, Map.of(), Map.of(), new DcgmValue.Int64(42))))));
    }
  }

  /** Sample: real-dra-driver-166-mig-a100-2024.prom (MIG label order, DOUBLE values with %f). */
  @Test
  void migSeriesWithDoubleValues() {
    List<DcgmSample> samples = new ArrayList<>();
    String[][] instances = {{"8", "0.029399"}, {"9", "0.033893"}, {"10", "0.000000"}};
    for (String[] instance : instances) {
      samples.add(sample(entity("gpu", "0", "UUID", "GPU-2c2f45e8-0886-e3cc-02be-a4181a13fc9b",
          "pci_bus_id", "00000001:00:00.0", "device", "nvidia0", "modelName", "NVIDIA A100 80GB PCIe",
          "GPU_I_PROFILE", "1g.10gb", "GPU_I_ID", instance[0], "Hostname", "k8s-dra-driver-cluster-worker"),
          Map.of("DCGM_FI_DRIVER_VERSION", "560.35.03"), Map.of(),
          new DcgmValue.Fp64(Double.parseDouble(instance[1]))));
    }
    assertEquals(exposition("real-dra-driver-166-mig-a100-2024.prom"), write(new DcgmFamily(
        "DCGM_FI_PROF_GR_ENGINE_ACTIVE", DcgmType.GAUGE, "Ratio of time the graphics engine is active.", samples)));
  }

  /** Sample: real-dcgm-exporter-568-k8s-pod-2025.prom (labels map, then the attributes container, namespace, pod). */
  @Test
  void podAttributesAfterLabelsInByteOrder() {
    DcgmSample sample = sample(entity("gpu", "0", "UUID", "GPU-ee71aa82-daa8-8d70-fbe8-cd508976034f",
        "pci_bus_id", "00000000:41:00.0", "device", "nvidia0", "modelName", "NVIDIA RTX A4000", "Hostname", "xxxxx"),
        Map.of("DCGM_FI_DRIVER_VERSION", "580.82.07"), Map.of("pod", "xxxxx", "namespace", "xxxx", "container", "xxxx"),
        new DcgmValue.Int64(38));
    assertEquals(exposition("real-dcgm-exporter-568-k8s-pod-2025.prom"), write(new DcgmFamily(
        "DCGM_FI_DEV_GPU_UTIL", DcgmType.GAUGE, "GPU utilization (in %).", List.of(sample))));
  }

  /**
   * Sample: real-gpu-operator-467-a100-2023.prom (a {@code counter} family, empty attributes written as
   * {@code ""}); compared from its first complete family on (the excerpt starts after a HELP line).
   */
  @Test
  void counterFamilyAndEmptyAttributes() {
    List<Label> entity = entity("gpu", "0", "UUID", "GPU-c89b14a3-ce7c-6725-8424-b55d37d9c332", "device", "nvidia0",
        "modelName", "NVIDIA A100 80GB PCIe", "Hostname", "nvidia-dcgm-exporter-d2khm");
    Map<String, String> labels = Map.of("DCGM_FI_DRIVER_VERSION", "510.47.03");
    Map<String, String> noPod = Map.of("container", "", "namespace", "", "pod", "");
    String ours = write(
        new DcgmFamily("DCGM_FI_DEV_FB_FREE", DcgmType.GAUGE, "Framebuffer memory free (in MiB).",
            List.of(sample(entity, labels, noPod, new DcgmValue.Int64(80328)))),
        new DcgmFamily("DCGM_FI_DEV_FB_USED", DcgmType.GAUGE, "Framebuffer memory used (in MiB).",
            List.of(sample(entity, labels, noPod, new DcgmValue.Int64(741)))),
        new DcgmFamily("DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL", DcgmType.COUNTER,
            "Total number of NVLink bandwidth counters for all lanes.",
            List.of(sample(entity, labels, noPod, new DcgmValue.Int64(0)))));
    String real = exposition("real-gpu-operator-467-a100-2023.prom");
    assertEquals(real.substring(real.indexOf("# HELP ")), ours);
  }

  /** Sample: real-dcgm-exporter-pr261-clock-events-2024.prom (upper case sorts first: DCGM_FI_… < clock_event < window…). */
  @Test
  void labelsMapInByteOrder() {
    List<String> ours = new ArrayList<>();
    for (String[] event : new String[][] {{"gpu_idle", "2"}, {"sw_thermal", "1"}, {"hw_thermal", "1"}}) {
      DcgmSample sample = sample(entity("gpu", "0", "UUID", "GPU-b9f9e81b-bee7-34bc-af17-132ef6592740", "device",
          "nvidia0", "modelName", "NVIDIA T400 4GB", "Hostname", "home"), Map.of("window_size_in_ms", "300000",
          "clock_event", event[0], "DCGM_FI_DRIVER_VERSION", "545.29.02"), Map.of(),
          new DcgmValue.Int64(Long.parseLong(event[1])));
      ours.addAll(sampleLines(write(new DcgmFamily("DCGM_EXP_CLOCK_EVENTS_COUNT", DcgmType.GAUGE, "", List.of(sample)))));
    }
    assertEquals(sampleLines(exposition("real-dcgm-exporter-pr261-clock-events-2024.prom")), ours);
  }

  /** Sample: real-gpu-monitoring-tools-138-2020.prom (INT64 {@code 4335301032}, DOUBLE {@code 302.206000}). */
  @Test
  void int64AndDoubleAsDcgmExporterPrintsThem() {
    List<Label> entity = entity("gpu", "0", "UUID", "GPU-6bf47ca9-ad3e-15db-beed-1079a7d74116", "device", "nvidia0");
    Map<String, String> noPod = Map.of("container", "", "namespace", "", "pod", "");
    Object[][] rows = {{"DCGM_FI_DEV_SM_CLOCK", new DcgmValue.Int64(1530)},
        {"DCGM_FI_DEV_MEM_CLOCK", new DcgmValue.Int64(877)}, {"DCGM_FI_DEV_MEMORY_TEMP", new DcgmValue.Int64(54)},
        {"DCGM_FI_DEV_GPU_TEMP", new DcgmValue.Int64(55)}, {"DCGM_FI_DEV_POWER_USAGE", new DcgmValue.Fp64(302.206)},
        {"DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", new DcgmValue.Int64(4335301032L)},
        {"DCGM_FI_DEV_PCIE_REPLAY_COUNTER", new DcgmValue.Int64(0)}, {"DCGM_FI_DEV_GPU_UTIL", new DcgmValue.Int64(44)}};
    List<String> ours = new ArrayList<>();
    for (Object[] row : rows) {
      ours.addAll(sampleLines(write(new DcgmFamily((String) row[0], DcgmType.GAUGE, "",
          List.of(sample(entity, Map.of(), noPod, (DcgmValue) row[1]))))));
    }
    assertEquals(sampleLines(exposition("real-gpu-monitoring-tools-138-2020.prom")), ours);
  }

  @Test
  void doublesAreGoPercentF() {
    Map<Double, String> expected = Map.ofEntries(Map.entry(0.0078125, "0.007812"), // exact tie: half to even
        Map.entry(0.0234375, "0.023438"), Map.entry(5e-7, "0.000000"), Map.entry(1.0000005, "1.000001"),
        Map.entry(-0.0, "-0.000000"), Map.entry(1e20, "100000000000000000000.000000"), Map.entry(71.123, "71.123000"),
        Map.entry(-2.5, "-2.500000"), Map.entry(Double.NaN, "NaN"), Map.entry(Double.POSITIVE_INFINITY, "+Inf"),
        Map.entry(Double.NEGATIVE_INFINITY, "-Inf"), Map.entry(1e-7, "0.000000"), Map.entry(0.1, "0.100000"));
    expected.forEach((value, text) -> assertEquals(text, new DcgmValue.Fp64(value).text(), "%f of " + value));
    assertEquals("-9223372036854775808", new DcgmValue.Int64(Long.MIN_VALUE).text());
    assertEquals("9876543210", new DcgmValue.Int64(9876543210L).text());
  }

  /** dcgm-exporter writes these raw (invalid exposition); the text format wants them escaped. */
  @Test
  void labelValuesAndHelpAreEscapedAsTheTextFormatRequires() {
    DcgmSample sample = sample(entity("gpu", "0", "modelName", "A \"quoted\" back\\slash\nnewline"), Map.of(),
        Map.of("hpc_job", "j\"1"), new DcgmValue.Int64(1));
    assertEquals("# HELP X help with \\\\ and \\n and \"\n# TYPE X gauge\n"
            + "X{gpu=\"0\",modelName=\"A \\\"quoted\\\" back\\\\slash\\nnewline\",hpc_job=\"j\\\"1\"} 1\n",
        write(new DcgmFamily("X", DcgmType.GAUGE, "help with \\ and \n and \"", List.of(sample))));
  }

  @Test
  void familyWithoutSeriesIsNotWritten() {
    assertEquals("", write(new DcgmFamily("DCGM_FI_DEV_GPU_UTIL", DcgmType.GAUGE, "GPU utilization (in %).",
        List.of())));
  }
}
