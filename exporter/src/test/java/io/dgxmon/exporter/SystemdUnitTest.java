package io.dgxmon.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.config.ConfigKeys;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.SystemdAnalyze;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {
  @TempDir Path tmp;

  @Test
  void runsTheJlinkedRuntimeWithTheConfigFileAndRestartsOnFailure() {
    String exec = SystemdUnit.execStart();
    assertTrue(exec.startsWith(SystemdAnalyze.UNIT_JAVA + " "), exec);
    assertTrue(exec.endsWith(" -jar /opt/dgxmon/lib/dgxmon-exporter.jar --config /etc/dgxmon/exporter.json"), exec);
    assertTrue(SystemdUnit.jvmFlags().containsAll(List.of("-XX:+UseSerialGC", "-Xmx32m", "-Xss512k",
        "-Dorg.bytedeco.javacpp.cachedir=/var/cache/dgxmon")), SystemdUnit.jvmFlags().toString());
    String unit = SystemdUnit.text();
    for (String line : List.of("Restart=on-failure", "RestartPreventExitStatus=2", "SuccessExitStatus=143",
        "CacheDirectory=dgxmon", "NoNewPrivileges=yes",
        "ProtectSystem=strict", "ProtectHome=yes", "ProtectKernelTunables=yes", "ProtectKernelModules=yes",
        "ProtectKernelLogs=yes", "ProtectControlGroups=yes", "User=dgxmon", "CapabilityBoundingSet=",
        "AmbientCapabilities=", "DevicePolicy=closed", "DeviceAllow=char-nvidia* rw",
        "DeviceAllow=char-ipmidev rw")) {
      assertTrue(unit.lines().anyMatch(line::equals), "missing " + line);
    }
    assertFalse(unit.lines().anyMatch(l -> l.startsWith("PrivateDevices=")), "NVML needs /dev/nvidia*");
    assertFalse(unit.lines().anyMatch(l -> l.startsWith("ReadWritePaths=")), "only the RuntimeDirectory is writable");
  }

  /**
   * The unit's one writable directory is where the exporter writes the UUID lookup by default, and it is not
   * /run/dgxmon itself: the service user owns it, and must not own the parent of the prolog's root-written jobs/.
   */
  @Test
  void theUuidLookupFileLivesInTheDirectoryTheServiceUserOwns() {
    String runtimeDirectory = SystemdUnit.text().lines().filter(l -> l.startsWith("RuntimeDirectory="))
        .map(l -> l.substring("RuntimeDirectory=".length())).reduce((a, b) -> a + " " + b).orElseThrow();
    assertEquals("dgxmon/exporter", runtimeDirectory);
    assertEquals(Path.of("/run", runtimeDirectory), Path.of(ConfigKeys.MIG_MAP_FILE_DEFAULT).getParent());
  }

  @Test
  void passesSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
    Path copy = SystemdAnalyze.copyWithThisJava(SystemdUnit.text(), tmp, "dgxmon-exporter.service");
    assertEquals(new ProcessResult(0, "", ""), SystemdAnalyze.verify(copy));

    Path broken = SystemdAnalyze.copyWithThisJava(SystemdUnit.text().replace("ProtectHome=yes", "ProtectHome=perhaps"),
        tmp, "broken-exporter.service");
    ProcessResult control = SystemdAnalyze.verify(broken);
    assertEquals(0, control.exitCode());
    assertTrue((control.stdout() + control.stderr()).contains("Failed to parse protect home value, ignoring: perhaps"),
        control.toString());
  }

  @Test
  void securityExposureStaysLow() throws Exception {
    double exposure = SystemdAnalyze.exposure(SystemdAnalyze.copyWithThisJava(SystemdUnit.text(), tmp,
        "dgxmon-exporter.service"));
    assertTrue(exposure <= SystemdAnalyze.EXPOSURE_LIMIT, "exposure " + exposure + " (1.5 with issue 13; 2.7 as root)");
  }
}
