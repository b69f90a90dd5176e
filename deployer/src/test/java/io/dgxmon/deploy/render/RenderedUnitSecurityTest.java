package io.dgxmon.deploy.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.config.ConfigReader;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.SystemdAnalyze;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every unit the deployer can render, in each exporter privilege setting, passes {@code systemd-analyze verify} and
 * stays within the exposure limit of issue 13 (docs/Security-Privileges.md). The static units have the same checks in
 * their modules; TemplateDriftTest keeps them equal to the default rendering.
 */
class RenderedUnitSecurityTest {
  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({"dgxmon-exporter.service, minimal", "dgxmon-exporter.service, profiling",
      "dgxmon-role-monitor.service, minimal"})
  void passesVerifyAndStaysWithinTheExposureLimit(String unit, String privileges) throws Exception {
    Path copy = SystemdAnalyze.copyWithThisJava(render(unit, privileges), tmp, unit);
    assertEquals(new ProcessResult(0, "", ""), SystemdAnalyze.verify(copy));
    double exposure = SystemdAnalyze.exposure(copy);
    assertTrue(exposure <= SystemdAnalyze.EXPOSURE_LIMIT, unit + " (" + privileges + "): exposure " + exposure);
  }

  /** The limit bites: the exporter as root with every capability (before issue 13, roughly) is over it. */
  @Test
  void theExporterRunningAsRootWouldBeOverTheLimit() throws Exception {
    String unit = render("dgxmon-exporter.service", "minimal");
    String asRoot = unit.replace("User=dgxmon\n", "").replace("Group=dgxmon\n", "")
        .replace("CapabilityBoundingSet=\n", "");
    Path copy = SystemdAnalyze.copyWithThisJava(asRoot, tmp, "dgxmon-exporter.service");
    double exposure = SystemdAnalyze.exposure(copy);
    assertTrue(exposure > SystemdAnalyze.EXPOSURE_LIMIT, "exposure " + exposure);
  }

  @Test
  void profilingAddsCapSysAdminAndChangesNothingElse() throws Exception {
    List<String> minimal = render("dgxmon-exporter.service", "minimal").lines().toList();
    List<String> profiling = render("dgxmon-exporter.service", "profiling").lines().toList();
    assertTrue(minimal.containsAll(List.of("User=dgxmon", "CapabilityBoundingSet=", "AmbientCapabilities=")));
    List<String> onlyProfiling = new ArrayList<>(profiling);
    onlyProfiling.removeAll(minimal);
    assertEquals(List.of("CapabilityBoundingSet=CAP_SYS_ADMIN", "AmbientCapabilities=CAP_SYS_ADMIN"),
        onlyProfiling.stream().filter(l -> !l.startsWith("#")).toList());
    List<String> onlyMinimal = new ArrayList<>(minimal);
    onlyMinimal.removeAll(profiling);
    assertEquals(List.of("CapabilityBoundingSet=", "AmbientCapabilities="), onlyMinimal);
  }

  /** The allow list renders as systemd expects it (verify is silent); without one there is no IP filter at all. */
  @Test
  void anIpAllowListDeniesEveryoneElse() throws Exception {
    String unit = renderWith("dgxmon-exporter.service", "{\"ipAddressAllow\": [\"10.1.0.0/16\", \"fd00::/8\"]}");
    List<String> lines = unit.lines().toList();
    assertTrue(lines.containsAll(List.of("IPAddressDeny=any", "IPAddressAllow=localhost 10.1.0.0/16 fd00::/8")), unit);
    Path filtered = SystemdAnalyze.copyWithThisJava(unit, tmp, "dgxmon-exporter.service");
    assertEquals(new ProcessResult(0, "", ""), SystemdAnalyze.verify(filtered));
    assertTrue(SystemdAnalyze.exposure(filtered) <= SystemdAnalyze.EXPOSURE_LIMIT);
    assertTrue(render("dgxmon-exporter.service", "minimal").lines().noneMatch(l -> l.startsWith("IPAddress")));
  }

  /** A deployed web config adds a root ExecStartPre and the flag; verify stays silent, the exposure within the limit. */
  @ParameterizedTest
  @CsvSource({"dgxmon-exporter.service, exporter", "dgxmon-role-monitor.service, roleMonitor"})
  void aWebConfigKeepsTheUnitWithinTheLimit(String unit, String key) throws Exception {
    Path web = java.nio.file.Files.writeString(tmp.resolve("web.yml"),
        "tls_server_config:\n  cert_file: /etc/pki/n.crt\n  key_file: /etc/pki/n.key\n");
    var config = ConfigReader.parse("test", "{\"headNode\": {\"host\": \"h\"}, \"nodes\": [\"n\"], \""
        + key + "\": {\"webConfigFile\": \"" + web + "\"}}");
    String text = new String(new TemplateRenderer().render("systemd/" + unit, TemplateModel.of(config, "n")),
        StandardCharsets.UTF_8);
    assertTrue(text.contains("--web.config.file "), text);
    Path copy = SystemdAnalyze.copyWithThisJava(text, tmp, unit);
    assertEquals(new ProcessResult(0, "", ""), SystemdAnalyze.verify(copy));
    double exposure = SystemdAnalyze.exposure(copy);
    assertTrue(exposure <= SystemdAnalyze.EXPOSURE_LIMIT, unit + " with a web config: exposure " + exposure);
  }

  private static String render(String unit, String privileges) throws Exception {
    return renderWith(unit, "{\"privileges\": \"" + privileges + "\"}");
  }

  private static String renderWith(String unit, String exporterSettings) throws Exception {
    var config = ConfigReader.parse("test", "{\"headNode\": {\"host\": \"h\"}, \"nodes\": [\"n\"], "
        + "\"exporter\": " + exporterSettings + "}");
    byte[] text = new TemplateRenderer().render("systemd/" + unit, TemplateModel.of(config, "n"));
    return new String(text, StandardCharsets.UTF_8);
  }
}
