package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.config.DeployConfig;
import io.dgxmon.deploy.plan.EnableUnit;
import io.dgxmon.deploy.plan.ManagedPaths;
import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.deploy.plan.Planner;
import io.dgxmon.deploy.plan.Probe;
import io.dgxmon.deploy.plan.Step;
import io.dgxmon.deploy.plan.Target;
import io.dgxmon.deploy.plan.TargetPlan;
import io.dgxmon.deploy.ssh.RemoteHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** verify runs the exporter's --check after the unit check on started nodes, skips it in images, and reports it. */
class VerifierExporterCheckTest {
  final StringWriter out = new StringWriter();
  final List<String> commands = new ArrayList<>();

  /** A host whose systemd says active and whose exporter prints {@code checkOutput} with {@code checkExit}. */
  RemoteHost host(int checkExit, String checkOutput) {
    return new RemoteHost() {
      @Override
      public ExecResult exec(String command, Duration timeout) {
        commands.add(command);
        return command.contains("--check") ? new ExecResult(checkExit, checkOutput, "")
            : new ExecResult(0, "active\n", "");
      }

      @Override
      public ExecResult exec(String command, Payload stdin, Duration timeout) {
        throw new UnsupportedOperationException("verify streams nothing");
      }

      @Override
      public void close() {}
    };
  }

  List<TargetResult> verify(String root, boolean verbose, RemoteHost host) throws Exception {
    Target target = new Target("dgx-01", Target.Kind.NODE, "127.0.0.1", 22, "admin", root, "x86_64");
    Step enable = new Step("enable", "enable", List.of(new Probe(root, false, 0, ManagedPaths.NONE),
        new EnableUnit(Planner.EXPORTER_UNIT, root)), "f");
    RunSettings settings = new RunSettings(false, Duration.ofSeconds(30), true, DeployConfig.NvmlCheck.SKIP,
        Duration.ofSeconds(5), 1);
    Verifier verifier = new Verifier(t -> host, settings, new Progress(new PrintWriter(out, true)), null,
        new ExporterCheck("/opt/dgxmon", "/etc/dgxmon", verbose));
    return verifier.run(List.of(new TargetPlan(target, List.of(enable))));
  }

  @Test
  void aPassingCheckIsOneLineAndTheFullOutputOnlyWithVerbose() throws Exception {
    List<TargetResult> results = verify("/", false, host(0, ExporterCheckTest.SERVES));
    assertTrue(results.get(0).ok(), results.toString());
    assertTrue(out.toString().contains(
        "[dgx-01] exporter --check: OK (8 GPUs, driver 550.54.15, cgroup v2, 2 jobs mapped)\n"), out.toString());
    assertTrue(!out.toString().contains("OK   nvml:"), out.toString());
    assertEquals("sudo -n sh -c '" + new ExporterCheck("/opt/dgxmon", "/etc/dgxmon", false).command(false)
        .replace("'", "'\\''") + "'", commands.get(2), "as root through sudo for the non-root SSH user");

    verify("/", true, host(0, ExporterCheckTest.SERVES));
    assertTrue(out.toString().contains("[dgx-01]   OK   nvml: /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1"),
        out.toString());
  }

  @Test
  void aFailingCheckFailsTheTarget() throws Exception {
    List<TargetResult> results = verify("/", false,
        host(1, "FAIL listen: gpu profile on :9445 cannot be bound: Address already in use\n"));
    assertTrue(!results.get(0).ok());
    assertEquals("exporter --check: FAIL: listen: gpu profile on :9445 cannot be bound: Address already in use",
        results.get(0).reason());
  }

  @Test
  void anImageRootIsSkippedWithANote() throws Exception {
    List<TargetResult> results = verify("/cm/images/dgx", false, host(1, "never run"));
    assertTrue(commands.stream().noneMatch(c -> c.contains("--check")), commands.toString());
    assertTrue(out.toString().contains("[dgx-01] exporter --check: skipped: installed under /cm/images/dgx,"
        + " where nothing runs"), out.toString());
    assertEquals(Planner.EXPORTER_UNIT + " is not enabled under /cm/images/dgx", results.get(0).reason(),
        "the image's own checks decide the result");
  }
}
