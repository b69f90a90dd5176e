package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.config.DeployConfig.NvmlCheck;
import io.dgxmon.deploy.plan.Artifacts;
import io.dgxmon.deploy.plan.DeploymentPlan;
import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.deploy.plan.PlanFixtures;
import io.dgxmon.deploy.plan.Planner;
import io.dgxmon.deploy.plan.Step;
import io.dgxmon.deploy.plan.TargetPlan;
import io.dgxmon.deploy.render.TemplateRenderer;
import io.dgxmon.deploy.ssh.RemoteHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's small steps run as one compound command, here by a real /bin/sh on a temp root: a step failing in the
 * middle is recorded as failed with the steps before it done, and a resumed run starts at it.
 */
class CompoundStepsTest {
  @TempDir Path tmp;

  @Test
  void aStepFailingMidCompoundIsRecordedAndAResumeStartsThere() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    DeploymentPlan plan = new Planner(new TemplateRenderer()).plan(PlanFixtures.config("""
        {"components": {"roleMonitor": false}, "preflight": {"nvml": "skip"},
         "nodes": [{"hosts": "dgx-01", "targetRoot": "%s"}]}
        """.formatted(root)), artifacts());
    TargetPlan node = plan.targets().get(0);
    assertEquals(List.of("preflight", "runtime", "exporter-jar", "config", "exporter-unit", "slurm-scripts",
        "slurm-links", "exporter-user", "enable"), node.steps().stream().map(Step::id).toList());
    // Where the prolog link goes there is a non-empty directory: renaming the link onto it fails.
    Path blocker = Files.createDirectories(root.resolve("cm/local/apps/slurm/var/prologs/60-prolog-dgxmon.sh"));
    Files.writeString(blocker.resolve("keep"), "x");
    StateStore store = StateStore.open(tmp.resolve("state"));

    ShellHost first = new ShellHost();
    StringWriter text = new StringWriter();
    TargetResult failed = run(plan, store, first, false, text);
    assertEquals("slurm-links", failed.failedStep(), text.toString());
    assertTrue(failed.reason().startsWith("remote command failed (exit 1): mv: "), failed.reason());
    assertEquals(6, failed.stepsDone(), text.toString());
    // The probe, the runtime's stream, then one command for the jar and every small step after it.
    assertEquals(3, first.commands.size(), first.commands.toString());
    TargetState state = store.load("dgx-01");
    for (Step s : node.steps()) {
      boolean before = node.steps().indexOf(s) < 6;
      assertEquals(before, state.isDone(s.id(), s.fingerprint()), s.id() + " in " + state.steps());
    }
    assertTrue(Files.isRegularFile(root.resolve("etc/dgxmon/exporter.json")), "config is in place");
    assertFalse(Files.exists(tmp.resolve("systemctl.log")), "nothing after the failed step ran");
    assertTrue(text.toString().contains("[dgx-01] slurm-links: FAILED: remote command failed (exit 1): mv: "),
        text.toString());

    Files.delete(blocker.resolve("keep"));
    Files.delete(blocker);
    ShellHost second = new ShellHost();
    StringWriter again = new StringWriter();
    TargetResult resumed = run(plan, store, second, true, again);
    assertEquals(null, resumed.failedStep(), again.toString());
    assertEquals(9, resumed.stepsDone());
    for (String id : List.of("runtime", "exporter-jar", "config", "exporter-unit", "slurm-scripts")) {
      assertTrue(again.toString().contains("[dgx-01] " + id + ": done earlier (resume)\n"), again.toString());
    }
    assertTrue(again.toString().contains("[dgx-01] slurm-links: updated ("), again.toString());
    assertTrue(again.toString().contains("[dgx-01] exporter-user: no " + root + "/etc/passwd: user dgxmon not"
        + " created (in one command with slurm-links)"), again.toString());
    assertEquals(Path.of("/cm/shared/apps/slurm/var/cm/prolog-dgxmon.sh"),
        Files.readSymbolicLink(root.resolve("cm/local/apps/slurm/var/prologs/60-prolog-dgxmon.sh")));
    assertEquals("--root=" + root + " enable dgxmon-exporter.service\n",
        Files.readString(tmp.resolve("systemctl.log")));
    assertEquals(2, second.commands.size(), second.commands.toString());

    // Nothing changed: a plain run probes, then checks the system user; it restarts nothing (systemctl not run).
    ShellHost third = new ShellHost();
    StringWriter unchanged = new StringWriter();
    assertEquals(null, run(plan, store, third, false, unchanged).failedStep(), unchanged.toString());
    assertEquals(2, third.commands.size(), third.commands.toString());
    assertTrue(unchanged.toString().contains("[dgx-01] enable: unchanged\n"), unchanged.toString());
    assertEquals(1, Files.readAllLines(tmp.resolve("systemctl.log")).size());
  }

  private TargetResult run(DeploymentPlan plan, StateStore store, ShellHost host, boolean resume, StringWriter text)
      throws Exception {
    RunSettings settings =
        new RunSettings(resume, Duration.ofSeconds(30), false, NvmlCheck.SKIP, Duration.ofSeconds(1), 1);
    try (PrintWriter out = new PrintWriter(text)) {
      return new DeployRunner(t -> host, settings, store, new Progress(out), "hash").run(plan).get(0);
    }
  }

  private Artifacts artifacts() throws Exception {
    Path tree = Files.createDirectories(tmp.resolve("rt/bin"));
    Files.writeString(tree.resolve("java"), "#!/bin/sh\n");
    Path tar = tmp.resolve("rt.tar");
    exec(List.of("tar", "-cf", tar.toString(), "-C", tree.getParent().toString(), "."));
    Artifacts a = PlanFixtures.artifacts();
    Payload jar = Payload.of("dgxmon-exporter.jar", new byte[] {'P', 'K', 3, 4, (byte) 0xff, 0});
    return new Artifacts(Map.of("x86_64", Payload.file("runtime-linux-x86_64.tar", tar)), jar, a.roleMonitorJar(),
        a.reportJar(), a.prolog(), a.epilog(), a.nodeCheck(), a.slurmLib());
  }

  /** Runs each command with /bin/sh here; systemctl is a stub that logs its arguments and makes the wants link. */
  private final class ShellHost implements RemoteHost {
    final List<String> commands = new ArrayList<>();

    @Override
    public ExecResult exec(String command, Duration timeout) throws IOException {
      return exec(command, null, timeout);
    }

    @Override
    public ExecResult exec(String command, Payload stdin, Duration timeout) throws IOException {
      commands.add(command);
      Path bin = tmp.resolve("bin");
      if (!Files.exists(bin.resolve("systemctl"))) {
        Files.createDirectories(bin);
        // Like systemctl --root=R enable U: it links U into R's multi-user.target.wants.
        Files.writeString(bin.resolve("systemctl"), "#!/bin/sh\necho \"$@\" >> '" + tmp.resolve("systemctl.log")
            + "'\nwants=\"${1#--root=}/etc/systemd/system/multi-user.target.wants\"\n"
            + "mkdir -p \"$wants\" && ln -sfn \"/etc/systemd/system/$3\" \"$wants/$3\"\n");
        bin.resolve("systemctl").toFile().setExecutable(true);
      }
      ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      Process p = pb.start();
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (OutputStream in = p.getOutputStream(); InputStream from = stdin == null ? InputStream.nullInputStream()
          : stdin.open()) {
        from.transferTo(in);
      } catch (IOException e) {
        // The command stopped reading; its exit status tells why.
      }
      String out = new String(readAll(p.getInputStream()), StandardCharsets.UTF_8);
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IOException("timed out: " + command);
        }
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      return new ExecResult(p.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
    }

    @Override
    public void close() {}
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static void exec(List<String> command) throws Exception {
    if (new ProcessBuilder(command).inheritIO().start().waitFor() != 0) {
      throw new IOException(command + " failed");
    }
  }
}
