package io.dgxmon.deploy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.deploy.config.ConfigReader;
import io.dgxmon.exporter.ExporterCommand;
import io.dgxmon.exporter.config.DcmiToolKind;
import io.dgxmon.exporter.config.EnergyConfig;
import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.pods.PodsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code exporter.energy} and {@code exporter.kubernetes} land in every node's exporter.json under the exporter's key
 * names, and the exporter's own config parser accepts the file and reads the values the admin gave.
 */
class ExporterConfigRenderTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVERY_KEY = """
      {"energy": {"rapl": false, "ipmiTool": "ipmi-dcmi", "ipmiToolPath": "/opt/freeipmi/sbin/ipmi-dcmi",
                  "ipmiInterval": "1m", "ipmiTimeout": "20s"},
       "kubernetes": {"mode": "on", "podResourcesSocket": "/run/k8s/kubelet.sock", "refreshInterval": "30s",
                      "timeout": "500ms", "resourceNames": ["nvidia.com/gpu", "nvidia.com/gpu.shared"]}}""";

  @TempDir Path dir;

  @Test
  void everyKeyLandsUnderTheExportersNameAndTheExporterReadsIt() throws Exception {
    Path file = render(EVERY_KEY);
    Map<?, ?> json = JSON.readValue(file.toFile(), Map.class);
    assertEquals(Map.of("kubernetes", "on", "kubernetes.pod-resources-socket", "/run/k8s/kubelet.sock",
        "kubernetes.refresh-interval", "30s", "kubernetes.timeout", "500ms",
        "kubernetes.resource-names", "nvidia.com/gpu,nvidia.com/gpu.shared", "rapl.enabled", false,
        "ipmi.tool", "ipmi-dcmi", "ipmi.tool-path", "/opt/freeipmi/sbin/ipmi-dcmi", "ipmi.interval", "1m",
        "ipmi.timeout", "20s"), withoutBaseKeys(json));

    ExporterConfig read = ExporterCommand.parseConfig(Map.of(), "--config", file.toString());
    assertEquals(new EnergyConfig(false, Path.of("/sys"),
        Optional.of(new EnergyConfig.DcmiTool(DcmiToolKind.IPMI_DCMI, Path.of("/opt/freeipmi/sbin/ipmi-dcmi"))),
        Duration.ofMinutes(1), Duration.ofSeconds(20)), read.energy());
    assertEquals(new PodsConfig(PodsConfig.Mode.ON, Path.of("/run/k8s/kubelet.sock"), Duration.ofSeconds(30),
        Duration.ofMillis(500), List.of("nvidia.com/gpu", "nvidia.com/gpu.shared")), read.kubernetes());
  }

  @Test
  void leftOutKeysAreNotWrittenAndTheExportersDefaultsHold() throws Exception {
    Path file = render("{\"energy\": {\"ipmiTool\": \"ipmitool\"}, \"kubernetes\": {\"mode\": \"off\"}}");
    assertEquals(Map.of("ipmi.tool", "ipmitool", "kubernetes", "off"),
        withoutBaseKeys(JSON.readValue(file.toFile(), Map.class)));
    ExporterConfig read = ExporterCommand.parseConfig(Map.of(), "--config", file.toString());
    ExporterConfig defaults = ExporterCommand.parseConfig(Map.of());
    assertEquals(new EnergyConfig(true, Path.of("/sys"),
        Optional.of(new EnergyConfig.DcmiTool(DcmiToolKind.IPMITOOL, Path.of("/usr/bin/ipmitool"))),
        defaults.energy().ipmiInterval(), defaults.energy().ipmiTimeout()), read.energy());
    assertEquals(PodsConfig.Mode.OFF, read.kubernetes().mode());
    assertEquals(defaults.kubernetes().socket(), read.kubernetes().socket());
    assertEquals(defaults.kubernetes().resourceNames(), read.kubernetes().resourceNames());

    assertEquals(Map.of(), withoutBaseKeys(JSON.readValue(render("{}").toFile(), Map.class)));
  }

  /** The node's exporter.json, rendered from a deploy config whose {@code exporter} object is {@code exporterJson}. */
  private Path render(String exporterJson) throws Exception {
    var config = ConfigReader.parse("cfg.json",
        "{\"headNode\": {\"host\": \"h\"}, \"nodes\": [\"dgx-01\"], \"exporter\": " + exporterJson + "}");
    Path file = Files.createTempFile(dir, "exporter", ".json");
    Files.write(file, new TemplateRenderer().render("etc/exporter.json", TemplateModel.of(config, "dgx-01")));
    return file;
  }

  /** The keys rendered before these settings existed (listeners, paths, hostname), which the deploy config sets. */
  private static Map<Object, Object> withoutBaseKeys(Map<?, ?> json) {
    Map<Object, Object> rest = new LinkedHashMap<>(json);
    rest.keySet().removeAll(List.of("dcgm.listen-address", "gpu.listen-address", "cgroup.listen-address",
        "path.cgroup.root", "hpc-job-mapping-dir", "job-info-dir", "mig-map-file", "gpustat-dir", "nvml.library",
        "hostname"));
    return rest;
  }
}
