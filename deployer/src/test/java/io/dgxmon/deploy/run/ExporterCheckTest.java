package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import org.junit.jupiter.api.Test;

/** verify's command line for the installed exporter's --check, and the one line it makes of the output. */
class ExporterCheckTest {
  static final String SERVES = """
      dgxmon-exporter --check: what the service would see on this node. ...
      [nvml]
      OK   nvml: /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1: driver 550.54.15, NVML 12.550.54.15, 8 GPUs
      [result]
      INFO summary: 8 GPUs, driver 550.54.15, cgroup v2, 2 jobs mapped
      OK   result: the service would start and serve (0 warnings)
      """;

  @Test
  void theCommandRunsTheInstalledRuntimeWithTheInstalledConfig() {
    ExporterCheck check = new ExporterCheck("/opt/dgxmon", "/etc/dgxmon", false);
    assertEquals("setpriv --reuid=dgxmon --regid=dgxmon --init-groups -- '/opt/dgxmon/runtime/bin/java' -XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1"
        + " -Dorg.bytedeco.javacpp.cachedir=/var/cache/dgxmon -jar '/opt/dgxmon/lib/dgxmon-exporter.jar'"
        + " --config '/etc/dgxmon/exporter.json' --check", check.command(false));
    assertEquals("sudo -n sh -c '" + check.command(false).replace("'", "'\\''") + "'", check.command(true));
  }

  @Test
  void aServingNodeIsOneOkLineWithTheSummary() {
    ExporterCheck.Outcome outcome = ExporterCheck.summarise(new ExecResult(0, SERVES, ""));
    assertTrue(outcome.passed());
    assertEquals("OK (8 GPUs, driver 550.54.15, cgroup v2, 2 jobs mapped)", outcome.line());
  }

  @Test
  void warningsPassAndTheFirstIsShown() {
    String output = SERVES.replace("[result]", "WARN cgroup: cgroup root /sys/fs/cgroup does not exist\n"
        + "WARN gpu 3: GPU-3 is down: GPU is lost (15)\n[result]");
    ExporterCheck.Outcome outcome = ExporterCheck.summarise(new ExecResult(0, output, ""));
    assertTrue(outcome.passed());
    assertEquals("OK with 2 warnings (8 GPUs, driver 550.54.15, cgroup v2, 2 jobs mapped); first:"
        + " WARN cgroup: cgroup root /sys/fs/cgroup does not exist", outcome.line());
  }

  @Test
  void theFirstFailLineIsTheReason() {
    String output = SERVES.replace("[result]", "FAIL listen: dcgm profile on :9400 cannot be bound: Address already"
        + " in use\n[result]").replace("OK   result: the service would start and serve (0 warnings)",
        "FAIL result: the service would not start: listen: dcgm profile on :9400 cannot be bound");
    ExporterCheck.Outcome outcome = ExporterCheck.summarise(new ExecResult(1, output, ""));
    assertFalse(outcome.passed());
    assertEquals("FAIL: listen: dcgm profile on :9400 cannot be bound: Address already in use", outcome.line());
  }

  @Test
  void aBadConfigIsTheFailConfigLine() {
    ExporterCheck.Outcome outcome = ExporterCheck.summarise(new ExecResult(2,
        "FAIL config: /etc/dgxmon/exporter.json: 1 problem(s):   nvml.timeout: \"soon\" is not a duration\n",
        "dgxmon-exporter: /etc/dgxmon/exporter.json: 1 problem(s):\n"));
    assertFalse(outcome.passed());
    assertTrue(outcome.line().startsWith("FAIL: config: /etc/dgxmon/exporter.json: 1 problem(s)"), outcome.line());
  }

  @Test
  void noReportFailsWithTheExitStatusAndTheFirstLineSaid() {
    ExporterCheck.Outcome old = ExporterCheck.summarise(new ExecResult(2, "",
        "Unknown option: '--check'\nUsage: dgxmon-exporter [-hV] ...\n"));
    assertFalse(old.passed());
    assertEquals("FAIL: exit 2, no report: Unknown option: '--check'", old.line());
    ExporterCheck.Outcome noJava = ExporterCheck.summarise(new ExecResult(127, "",
        "sh: 1: /opt/dgxmon/runtime/bin/java: not found\n"));
    assertEquals("FAIL: exit 127, no report: sh: 1: /opt/dgxmon/runtime/bin/java: not found", noJava.line());
    assertFalse(ExporterCheck.summarise(new ExecResult(0, "killed half-way\n", "")).passed(), "no summary line");
  }
}
