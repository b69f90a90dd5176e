package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd/dgxmon-role-monitor.service: hardened, writable only where the targets go, and systemd-clean. */
class SystemdUnitTest {
  private static final Path UNIT = Path.of("..", "systemd", "dgxmon-role-monitor.service");
  private static final String JAVA = "/opt/dgxmon/runtime/bin/java";

  @TempDir Path tmp;

  @Test
  void hardenedAndWritableOnlyInTheTargetsDirectory() throws Exception {
    List<String> lines = Files.readAllLines(UNIT);
    for (String line : List.of("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=read-only",
        "CapabilityBoundingSet=", "PrivateDevices=yes", "SuccessExitStatus=143", "RestartPreventExitStatus=2",
        "ReadWritePaths=" + MonitorConfig.DEFAULT_TARGETS_DIR + " -/root/.cm/cmsh",
        "ExecStartPre=+/bin/mkdir -p " + MonitorConfig.DEFAULT_TARGETS_DIR)) {
      assertTrue(lines.contains(line), "missing " + line);
    }
    assertEquals(1, lines.stream().filter(l -> l.startsWith("ReadWritePaths=")).count());
    String text = Files.readString(UNIT);
    assertTrue(text.contains("-jar /opt/dgxmon/lib/dgxmon-role-monitor.jar --config /etc/dgxmon/role-monitor.json"));
  }

  /**
   * {@code systemd-analyze verify} refuses a unit whose ExecStart binary is missing ("Command
   * /opt/dgxmon/runtime/bin/java is not executable"), and only an installed head node has that jlink'd
   * runtime. So the verified copy differs in that one path, pointed at the JVM running this test.
   * verify exits 0 even for bad values (it warns), so "no output" is the pass condition.
   */
  @Test
  void passesSystemdAnalyzeVerifyAndKeepsExposureLow() throws Exception {
    Path tool = RequiredTool.require("systemd-analyze", "systemd");
    Path copy = withRealJava(Files.readString(UNIT), "dgxmon-role-monitor.service");
    assertEquals(new ProcessResult(0, "", ""), Processes.run(Duration.ofSeconds(60), tool.toString(), "verify", copy.toString()));

    Path broken = withRealJava(Files.readString(UNIT).replace("ProtectHome=read-only", "ProtectHome=perhaps"), "broken.service");
    ProcessResult control = Processes.run(Duration.ofSeconds(60), tool.toString(), "verify", broken.toString());
    assertTrue((control.stdout() + control.stderr()).contains("perhaps"), "verify must notice a bad value: " + control);

    ProcessResult security = Processes.run(Duration.ofSeconds(60), tool.toString(), "security", "--offline=true",
        "--no-pager", copy.toString());
    Matcher level = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)").matcher(security.stdout());
    assertTrue(level.find(), security.toString());
    assertTrue(Double.parseDouble(level.group(1)) <= 2.5, "exposure " + level.group(1) + " (was 1.9)");
  }

  private Path withRealJava(String unit, String name) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
    Path copy = tmp.resolve(name);
    Files.writeString(copy, unit.replace(JAVA, java.toString()));
    return copy;
  }
}
