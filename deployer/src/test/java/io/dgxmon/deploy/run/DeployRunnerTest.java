package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.cli.ExitCodes;
import io.dgxmon.deploy.config.DeployConfig.NvmlCheck;
import io.dgxmon.deploy.plan.DeploymentPlan;
import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.deploy.plan.PlanFixtures;
import io.dgxmon.deploy.ssh.RemoteHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A target whose work throws fails alone: the others finish, and the summary table lists every target. */
class DeployRunnerTest {
  @TempDir Path tmp;

  /** A host on which every command succeeds; the probe sees a healthy, empty root. */
  private static final class AgreeableHost implements RemoteHost {
    @Override
    public ExecResult exec(String command, Duration timeout) {
      return new ExecResult(0, command.contains("freekib") ? "systemd yes\nnvml yes\nfreekib 99999999\n" : "", "");
    }

    @Override
    public ExecResult exec(String command, Payload stdin, Duration timeout) {
      return exec(command, timeout);
    }

    @Override
    public void close() {}
  }

  @Test
  void aTargetWhoseWorkThrowsFailsAloneAndTheSummaryListsEveryTarget() throws Exception {
    DeploymentPlan plan = PlanFixtures.plan("""
        {"components": {"roleMonitor": false}, "nodes": [{"hosts": "dgx-[01-03]", "targetRoot": "/srv/r"}]}
        """);
    Connect connect = t -> {
      if (t.name().equals("dgx-02")) {
        throw new IllegalStateException("bug reached by dgx-02");
      }
      return new AgreeableHost();
    };
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    RunSettings settings =
        new RunSettings(false, Duration.ofSeconds(5), false, NvmlCheck.WARN, Duration.ofSeconds(1), 3);
    List<TargetResult> results = new DeployRunner(connect, settings, StateStore.open(tmp), new Progress(out), "hash")
        .run(plan);
    SummaryTable.print(results, out);

    String output = text.toString();
    String steps = plan.targets().get(0).steps().size() + "/" + plan.targets().get(0).steps().size();
    assertTrue(output.contains("dgx-01  " + steps + "      -                     ok\n"), output);
    assertTrue(output.contains("dgx-02  0/" + plan.targets().get(1).steps().size()
        + "      internal error        java.lang.IllegalStateException: bug reached by dgx-02\n"), output);
    assertTrue(output.contains("dgx-03  " + steps + "      -                     ok\n"), output);
    assertTrue(output.contains("3 target(s), 1 failed;"), output);
    assertEquals(1, ExitCodes.of(results));
  }
}
