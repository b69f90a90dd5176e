package io.dgxmon.deploy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dgxmon.common.config.ConfigException;
import io.dgxmon.deploy.config.DeployConfig.ExporterEnergy;
import io.dgxmon.deploy.config.DeployConfig.ExporterKubernetes;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code exporter.energy} and {@code exporter.kubernetes}: the exporter's rules, each problem under its field. */
class ExporterSourcesReaderTest {
  private static DeployConfig.Exporter exporter(String exporterJson) throws ConfigException {
    return ConfigReader.parse("cfg.json",
        "{\"headNode\": {\"host\": \"h\"}, \"nodes\": [\"n\"], \"exporter\": " + exporterJson + "}").exporter();
  }

  private static List<String> problems(String exporterJson) {
    return assertThrows(ConfigException.class, () -> exporter(exporterJson)).problems();
  }

  @Test
  void leftOutKeysStayEmptySoTheExportersDefaultsHold() throws Exception {
    var none = exporter("{}");
    assertEquals(new ExporterEnergy(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()), none.energy());
    assertEquals(new ExporterKubernetes(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        List.of()), none.kubernetes());
  }

  @Test
  void readsEveryKey() throws Exception {
    var e = exporter("""
        {"energy": {"rapl": false, "ipmiTool": "ipmi-dcmi", "ipmiToolPath": "/opt/freeipmi/sbin/ipmi-dcmi",
                    "ipmiInterval": "1m", "ipmiTimeout": "1m"},
         "kubernetes": {"mode": "on", "podResourcesSocket": "/run/k8s/kubelet.sock", "refreshInterval": "30s",
                        "timeout": "500ms", "resourceNames": ["nvidia.com/gpu", "nvidia.com/gpu.shared"]}}""");
    assertEquals(new ExporterEnergy(Optional.of(false), Optional.of("ipmi-dcmi"),
        Optional.of("/opt/freeipmi/sbin/ipmi-dcmi"), Optional.of("1m"), Optional.of("1m")), e.energy());
    assertEquals(new ExporterKubernetes(Optional.of("on"), Optional.of("/run/k8s/kubelet.sock"), Optional.of("30s"),
        Optional.of("500ms"), List.of("nvidia.com/gpu", "nvidia.com/gpu.shared")), e.kubernetes());
    assertEquals(List.of("nvidia.com/gpu"),
        exporter("{\"kubernetes\": {\"resourceNames\": \"nvidia.com/gpu\"}}").kubernetes().resourceNames());
  }

  @Test
  void badValuesAreRefusedEachUnderItsField() {
    assertEquals(List.of(
        "exporter.energy.rapl: expected true or false, got \"yes\"",
        "exporter.energy.ipmiTool: \"freeipmi\" is not \"off\", \"ipmitool\" or \"ipmi-dcmi\"",
        "exporter.energy.ipmiToolPath: \"ipmitool\" is not an absolute normalised path to a program (such as"
            + " /usr/bin/ipmitool; no '.', '..' or empty segments, no spaces or control characters)",
        "exporter.energy.ipmiInterval: \"0\" is not a duration longer than 0 such as 500ms, 5s or 1m30s",
        "exporter.energy.ipmiTimeout: \"10\" is not a duration longer than 0 such as 500ms, 5s or 1m30s",
        "exporter.energy.ipmiTol: unknown key (did you mean \"ipmiTool\"?)",
        "exporter.kubernetes.mode: \"yes\" is not \"auto\", \"on\" or \"off\"",
        "exporter.kubernetes.podResourcesSocket: \"/var/lib/kubelet/../kubelet.sock\" is not an absolute normalised"
            + " path (/a/b; no '.', '..' or empty segments, no spaces or control characters)",
        "exporter.kubernetes.refreshInterval: \"10 s\" is not a duration longer than 0 such as 500ms, 5s or 1m30s",
        "exporter.kubernetes.timeout: \"-1s\" is not a duration longer than 0 such as 500ms, 5s or 1m30s",
        "exporter.kubernetes.resourceNames[1]: \"gpu\" is not a resource name such as nvidia.com/gpu"),
        problems("""
            {"energy": {"rapl": "yes", "ipmiTool": "freeipmi", "ipmiToolPath": "ipmitool", "ipmiInterval": "0",
                        "ipmiTimeout": "10", "ipmiTol": "off"},
             "kubernetes": {"mode": "yes", "podResourcesSocket": "/var/lib/kubelet/../kubelet.sock",
                            "refreshInterval": "10 s", "timeout": "-1s",
                            "resourceNames": ["nvidia.com/gpu", "gpu"]}}"""));
  }

  @Test
  void aProgramPathIsNeitherTheRootNorUnnormalised() {
    for (String path : List.of("/", "/usr/bin/", "/usr//bin/ipmitool", "/usr/bin/./ipmitool", "")) {
      assertEquals(1, problems("{\"energy\": {\"ipmiToolPath\": \"" + path + "\"}}").size(), path);
    }
  }

  @Test
  void theTimeoutMayNotOutlastTheIntervalTheExporterWillUseDefaultsIncluded() throws Exception {
    assertEquals(List.of("exporter.energy.ipmiTimeout: \"1m\" is longer than ipmiInterval (30s): one BMC reading"
        + " must end before the next starts"),
        problems("{\"energy\": {\"ipmiInterval\": \"30s\", \"ipmiTimeout\": \"1m\"}}"));
    assertEquals(List.of("exporter.energy.ipmiTimeout: the default 10s is longer than ipmiInterval (5s): one BMC"
        + " reading must end before the next starts"), problems("{\"energy\": {\"ipmiInterval\": \"5s\"}}"));
    assertEquals(List.of("exporter.energy.ipmiTimeout: \"45s\" is longer than ipmiInterval (default 30s): one BMC"
        + " reading must end before the next starts"), problems("{\"energy\": {\"ipmiTimeout\": \"45s\"}}"));
    assertEquals(Optional.of("10s"), exporter("{\"energy\": {\"ipmiInterval\": \"10s\"}}").energy().ipmiInterval());
  }
}
