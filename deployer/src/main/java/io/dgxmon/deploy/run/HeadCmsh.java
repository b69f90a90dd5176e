package io.dgxmon.deploy.run;

import io.dgxmon.deploy.cmsh.CmshCall;
import io.dgxmon.deploy.cmsh.GetValue;
import io.dgxmon.deploy.cmsh.ProvisioningStatus;
import io.dgxmon.deploy.cmsh.ProvisioningWait;
import io.dgxmon.deploy.cmsh.ProvisioningWatch;
import io.dgxmon.deploy.plan.CheckWlmProlog;
import io.dgxmon.deploy.plan.RemoteCommands;
import io.dgxmon.deploy.plan.RunCmsh;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The head node's cmsh calls during a run: the WLM prolog check and the image operations with their waiting.
 * cmsh runs as root through {@code exec}; the answers are read by the pure {@code cmsh} package.
 */
final class HeadCmsh {
  /** Runs one root command on the head node. */
  interface RootExec {
    ExecResult run(String command) throws IOException;
  }

  /** Waits between polls; tests pass one that does not sleep. */
  interface Pause {
    void sleep(Duration d) throws InterruptedException;
  }

  private final RootExec exec;
  private final Pause pause;
  private final java.util.function.LongSupplier nanoTime;

  HeadCmsh(RootExec exec, Pause pause, java.util.function.LongSupplier nanoTime) {
    this.exec = exec;
    this.pause = pause;
    this.nanoTime = nanoTime;
  }

  static HeadCmsh real(RootExec exec) {
    return new HeadCmsh(exec, d -> Thread.sleep(d.toMillis()), System::nanoTime);
  }

  /** The step summary; a prolog other than BCM's runner (or no answer) adds a warning, never a failure. */
  String checkWlmProlog(CheckWlmProlog w, List<String> warnings) throws IOException {
    ExecResult r = exec.run(w.call().commandLine());
    if (!r.ok()) {
      warnings.add("cannot ask cmsh for the Slurm prolog: " + r.reason());
      return "not checked";
    }
    String prolog;
    try {
      prolog = GetValue.parse(r.stdout());
    } catch (IllegalArgumentException e) {
      warnings.add("cannot read cmsh's answer for the Slurm prolog: " + e.getMessage());
      return "not checked";
    }
    if (!prolog.equals(RemoteCommands.BCM_PROLOG_RUNNER)) {
      warnings.add("Slurm's prolog is \"" + prolog + "\", not BCM's generic runner " + RemoteCommands.BCM_PROLOG_RUNNER
          + ": the 60- links in prologs/ and epilogs/ will not run");
      return "prolog is not BCM's runner";
    }
    return "prolog is BCM's generic runner";
  }

  /** Runs the command; with a wait, polls until done or timed out. A timeout is a warning: the image is written. */
  String runCmsh(RunCmsh r, List<String> warnings) throws IOException, InterruptedException {
    ExecResult ran = exec.run(r.call().commandLine());
    if (!ran.ok()) {
      throw new StepActions.StepFailure("cmsh failed (exit " + ran.exitCode() + "): " + ran.reason());
    }
    String said = io.dgxmon.common.cmsh.CmshAnswerText.lines(ran.stdout()).stream()
        .reduce((x, y) -> y).orElse("done");
    if (r.thenWait() == null) {
      return said;
    }
    ProvisioningWatch.Verdict v = await(r.thenWait());
    if (v.state() == ProvisioningWatch.State.TIMED_OUT) {
      warnings.add("provisioning still not finished after " + r.thenWait().timeoutSeconds() + " s (last status: "
          + v.lastSeen() + "); see docs/BCM-Imaging-Workflow.md, \"If waiting times out\"");
      return "timed out waiting (last status: " + v.lastSeen() + ")";
    }
    return "done (" + v.lastSeen() + ")";
  }

  ProvisioningWatch.Verdict await(ProvisioningWait wait) throws IOException, InterruptedException {
    ProvisioningWatch watch = new ProvisioningWatch(Duration.ofSeconds(wait.timeoutSeconds()),
        ProvisioningWait.SETTLE_POLLS);
    long start = nanoTime.getAsLong();
    while (true) {
      ProvisioningWatch.Verdict v = watch.observe(poll(wait.statusCall()),
          Duration.ofNanos(nanoTime.getAsLong() - start));
      if (v.state() != ProvisioningWatch.State.RUNNING) {
        return v;
      }
      pause.sleep(Duration.ofSeconds(wait.pollSeconds()));
    }
  }

  private ProvisioningStatus poll(CmshCall status) throws IOException {
    ExecResult r = exec.run(status.commandLine());
    if (!r.ok()) {
      return ProvisioningStatus.parse("cmsh exit " + r.exitCode() + ": " + r.reason());
    }
    return ProvisioningStatus.parse(r.stdout());
  }
}
