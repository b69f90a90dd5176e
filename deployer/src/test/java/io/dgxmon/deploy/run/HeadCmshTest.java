package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.cmsh.BcmClusterFixture;
import io.dgxmon.deploy.cmsh.CmshCall;
import io.dgxmon.deploy.cmsh.ProvisioningWait;
import io.dgxmon.deploy.plan.RunCmsh;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waiting for provisioning against the in-process cmsh simulator (real time, 1 s polls). */
class HeadCmshTest {
  private static final String PREFIX = "cmsh --color=no -q -c ";
  private final List<String> commands = new ArrayList<>();

  private HeadCmsh headCmsh(ClusterState state) {
    return HeadCmsh.real(command -> {
      commands.add(command);
      assertTrue(command.startsWith(PREFIX), command);
      String script = command.substring(PREFIX.length() + 1, command.length() - 1).replace("'\\''", "'");
      CmshSimulator.Result r = CmshSimulator.run(state, script, true);
      return new ExecResult(r.exitCode(), r.output(), "");
    });
  }

  private static RunCmsh imageUpdate(int timeoutSeconds) {
    return new RunCmsh(new CmshCall("cmsh", "device; imageupdate -w -c dgx"),
        ProvisioningWait.of("cmsh", timeoutSeconds, 1));
  }

  @Test
  void waitsUntilTheProvisioningStartedByTheCommandIsOver() throws Exception {
    List<String> warnings = new ArrayList<>();
    String summary = headCmsh(BcmClusterFixture.provisioning(1.5, true)).runCmsh(imageUpdate(60), warnings);
    assertEquals("done (0 node(s) provisioning, none busy or waiting, update of provisioning nodes requested: no)",
        summary);
    assertEquals(List.of(), warnings);
    assertTrue(commands.size() >= 3, "polled while busy: " + commands);
    assertEquals("cmsh --color=no -q -c 'softwareimage; provisioningstatus'", commands.get(1));
  }

  @Test
  void givesUpAfterTheTimeoutAndSaysWhatItLastSaw() throws Exception {
    List<String> warnings = new ArrayList<>();
    String summary = headCmsh(BcmClusterFixture.provisioning(-1, true)).runCmsh(imageUpdate(1), warnings);
    String last = "2 node(s) provisioning, dgx-01,dgx-02 busy or waiting, update of provisioning nodes requested: no";
    assertEquals("timed out waiting (last status: " + last + ")", summary);
    assertEquals(List.of("provisioning still not finished after 1 s (last status: " + last + "); see "
        + "docs/BCM-Imaging-Workflow.md, \"If waiting times out\""), warnings);
  }

  @Test
  void aFailedCommandFailsTheStep() {
    ClusterState state = BcmClusterFixture.provisioning(0, true);
    RunCmsh grab = new RunCmsh(new CmshCall("cmsh", "device; use nosuch; grabimage -w"),
        ProvisioningWait.of("cmsh", 60, 1));
    var e = org.junit.jupiter.api.Assertions.assertThrows(StepActions.StepFailure.class,
        () -> headCmsh(state).runCmsh(grab, new ArrayList<>()));
    assertTrue(e.getMessage().startsWith("cmsh failed (exit 1): "), e.getMessage());
    assertEquals(1, commands.size(), "no waiting after a failed command");
  }

  @Test
  void theWlmPrologIsReadFromANoisyAnswerAndAnythingElseIsAWarning() throws Exception {
    ClusterState state = BcmClusterFixture.provisioning(0, true);
    io.dgxmon.deploy.plan.CheckWlmProlog check = new io.dgxmon.deploy.plan.CheckWlmProlog("cmsh", "slurm");
    List<String> warnings = new ArrayList<>();
    assertEquals("prolog is BCM's generic runner", headCmsh(state).checkWlmProlog(check, warnings));
    assertEquals(List.of(), warnings);
    state.wlm.get("slurm").put("prolog", "/etc/slurm/prolog.sh");
    assertEquals("prolog is not BCM's runner", headCmsh(state).checkWlmProlog(check, warnings));
    HeadCmsh twoLines = HeadCmsh.real(command -> new ExecResult(0, "/a\n/b\n", ""));
    assertEquals("not checked", twoLines.checkWlmProlog(check, warnings));
    assertEquals(List.of("Slurm's prolog is \"/etc/slurm/prolog.sh\", not BCM's generic runner "
        + "/cm/local/apps/cmd/scripts/prolog: the 60- links in prologs/ and epilogs/ will not run",
        "cannot read cmsh's answer for the Slurm prolog: expected one value from cmsh, got 2 lines: /a | /b"), warnings);
  }
}
