package io.dgxmon.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.RequiredTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUnitTest {
  @TempDir Path tmp;

  @Test
  void runsTheJlinkedRuntimeWithTheConfigFileAndRestartsOnFailure() {
    String exec = SystemdUnit.execStart();
    assertTrue(exec.startsWith(SystemdUnit.JAVA + " "), exec);
    assertTrue(exec.endsWith(" -jar /opt/dgxmon/lib/dgxmon-exporter.jar --config /etc/dgxmon/exporter.json"), exec);
    assertTrue(SystemdUnit.jvmFlags().containsAll(List.of("-XX:+UseSerialGC", "-Xmx32m", "-Xss512k",
        "-Dorg.bytedeco.javacpp.cachedir=/var/cache/dgxmon")), SystemdUnit.jvmFlags().toString());
    String unit = SystemdUnit.text();
    for (String line : List.of("Restart=on-failure", "CacheDirectory=dgxmon", "NoNewPrivileges=yes",
        "ProtectSystem=strict", "ProtectHome=yes", "ProtectKernelTunables=yes", "ProtectKernelModules=yes",
        "ProtectKernelLogs=yes", "ProtectControlGroups=yes", "ReadWritePaths=/run/dgxmon")) {
      assertTrue(unit.lines().anyMatch(line::equals), "missing " + line);
    }
    assertFalse(unit.lines().anyMatch(l -> l.startsWith("PrivateDevices=")), "NVML needs /dev/nvidia*");
  }

  /**
   * {@code systemd-analyze verify} insists that ExecStart's binary exists ("Command /opt/dgxmon/runtime/bin/java
   * is not executable"), and only a node has the jlink'd runtime. So we verify a copy whose only change is that
   * path, pointed at the JVM running this test. verify exits 0 even for unknown keys or bad values (it only
   * prints warnings), so no output at all is the pass condition; the control below proves a mistake does print.
   */
  @Test
  void passesSystemdAnalyzeVerifyWithoutAWarning() throws Exception {
    Path copy = withRealJava(SystemdUnit.text(), "dgxmon-exporter.service");
    Result result = systemdAnalyze("verify", copy.toString());
    assertEquals(new Result(0, ""), result);

    Path broken = withRealJava(SystemdUnit.text().replace("ProtectHome=yes", "ProtectHome=perhaps"),
        "broken-exporter.service");
    Result control = systemdAnalyze("verify", broken.toString());
    assertEquals(0, control.exitCode());
    assertTrue(control.output().contains("Failed to parse protect home value, ignoring: perhaps"), control.output());
  }

  @Test
  void securityExposureStaysLow() throws Exception {
    Path copy = withRealJava(SystemdUnit.text(), "dgxmon-exporter.service");
    Result result = systemdAnalyze("security", "--offline=true", "--no-pager", copy.toString());
    Matcher level = Pattern.compile("Overall exposure level for \\S+: (\\d+\\.\\d+)").matcher(result.output());
    assertTrue(level.find(), result.output());
    double exposure = Double.parseDouble(level.group(1));
    assertTrue(exposure <= 3.0, "exposure " + exposure + " (was 2.7):\n" + result.output());
  }

  private Path withRealJava(String unit, String name) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java").toRealPath();
    Path copy = tmp.resolve(name);
    Files.writeString(copy, unit.replace(SystemdUnit.JAVA, java.toString()));
    return copy;
  }

  record Result(int exitCode, String output) {}

  private static Result systemdAnalyze(String... args) throws IOException, InterruptedException {
    Path tool = RequiredTool.require("systemd-analyze", "systemd");
    List<String> command = new java.util.ArrayList<>(List.of(tool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "systemd-analyze did not finish");
      return new Result(process.exitValue(), output);
    } finally {
      process.destroyForcibly();
    }
  }
}
