package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.config.DeployConfig.NvmlCheck;
import io.dgxmon.deploy.plan.DeploymentPlan;
import io.dgxmon.deploy.plan.InstallLayout;
import io.dgxmon.deploy.plan.InstallManifest;
import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.deploy.plan.PlanFixtures;
import io.dgxmon.deploy.plan.TargetPlan;
import io.dgxmon.deploy.ssh.RemoteHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uninstall removes only what the target's plan could have installed, whatever the state file says. */
class UninstallerTest {
  @TempDir Path tmp;

  /** Records every command; each succeeds. */
  private static final class RecordingHost implements RemoteHost {
    final List<String> commands = new ArrayList<>();

    @Override
    public ExecResult exec(String command, Duration timeout) {
      commands.add(command);
      return new ExecResult(0, "", "");
    }

    @Override
    public ExecResult exec(String command, Payload stdin, Duration timeout) {
      return exec(command, timeout);
    }

    @Override
    public void close() {}
  }

  private static TargetPlan node(DeploymentPlan plan) {
    return plan.targets().stream().filter(tp -> tp.target().name().equals("dgx-01")).findFirst().orElseThrow();
  }

  @Test
  void pathsAppendedToTheStateFileAreSkippedWithAWarningNamingThem() throws Exception {
    DeploymentPlan plan = PlanFixtures.plan("{\"components\": {\"roleMonitor\": false}, \"nodes\": [\"dgx-01\"]}");
    InstallManifest real = InstallLayout.of(node(plan)).installable()
        .withCreatedDirs(List.of("/opt/dgxmon", "/etc/dgxmon"));
    InstallManifest planted = real.withTree("/etc").withFile("/root/.ssh/authorized_keys")
        .withLink("/usr/bin/sudo").withUnit("sshd.service").withCreatedDirs(List.of("/home"));
    StateStore store = StateStore.open(tmp.resolve("state"));
    store.save("dgx-01", TargetState.EMPTY.withManifest(planted));

    RecordingHost host = new RecordingHost();
    StringWriter text = new StringWriter();
    RunSettings settings =
        new RunSettings(false, Duration.ofSeconds(5), false, NvmlCheck.WARN, Duration.ofSeconds(1), 1);
    List<TargetResult> results = new Uninstaller(t -> host, settings, store, new Progress(new PrintWriter(text)))
        .run(List.of(node(plan)));

    assertEquals(1, host.commands.size());
    String script = host.commands.get(0);
    assertEquals(Uninstaller.script(node(plan).target(), real), script, "exactly the planned paths are removed");
    for (String attack : List.of("'/etc'", "authorized_keys", "/usr/bin/sudo", "sshd.service", "'/home'")) {
      assertFalse(script.contains(attack), attack + " reached the root script: " + script);
    }
    assertTrue(script.contains("rm -rf -- '/opt/dgxmon/runtime'"), script);
    String output = text.toString();
    for (String named : List.of("tree /etc", "file /root/.ssh/authorized_keys", "link /usr/bin/sudo",
        "unit sshd.service", "directory /home")) {
      assertTrue(output.contains("[dgx-01] uninstall: WARNING: not removing " + named + ": recorded in "
          + store.file("dgx-01")), output);
    }
    assertEquals(5, results.get(0).warnings().size());
    assertTrue(results.get(0).ok());
  }
}
