package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.rolemonitor.config.MonitorConfig;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.SystemdAnalyze;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd/dgxmon-role-monitor.service: hardened, writable only where the targets go, and systemd-clean. */
class SystemdUnitTest {
  private static final Path UNIT = Path.of("..", "systemd", "dgxmon-role-monitor.service");

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

  @Test
  void passesSystemdAnalyzeVerifyAndKeepsExposureLow() throws Exception {
    String unit = Files.readString(UNIT);
    Path copy = SystemdAnalyze.copyWithThisJava(unit, tmp, "dgxmon-role-monitor.service");
    assertEquals(new ProcessResult(0, "", ""), SystemdAnalyze.verify(copy));

    Path broken = SystemdAnalyze.copyWithThisJava(unit.replace("ProtectHome=read-only", "ProtectHome=perhaps"), tmp,
        "broken.service");
    ProcessResult control = SystemdAnalyze.verify(broken);
    assertTrue((control.stdout() + control.stderr()).contains("perhaps"), "verify must notice a bad value: " + control);

    double exposure = SystemdAnalyze.exposure(copy);
    assertTrue(exposure <= SystemdAnalyze.EXPOSURE_LIMIT, "exposure " + exposure + " (1.9 with issue 13)");
  }
}
