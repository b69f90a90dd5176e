package io.dgxmon.deploy.it;

import static com.github.stefanbirkner.systemlambda.SystemLambda.withTextFromSystemIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.DeployCommand;
import io.dgxmon.deploy.cmsh.BcmClusterFixture;
import io.dgxmon.deploy.config.ConfigReader;
import io.dgxmon.deploy.config.DeployConfig;
import io.dgxmon.testkit.Sshd;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard off the head node: discovery by the simulated cmsh on the "head node", reached over a real sshd. */
class WizardOverSshIT {
  private static final String HEAD = "127.0.5.30";
  @TempDir Path tmp;

  @Test
  void asksCmshOnTheHeadNodeOverSshAndOffersWhatItFound() throws Exception {
    Path stateFile = tmp.resolve("cmsh-state.json");
    var cluster = BcmClusterFixture.cluster();
    cluster.noisyOutput = true;
    cluster.write(stateFile);
    Path cmsh = CmshSimulator.install(tmp.resolve("head-bin"), stateFile);
    Path config = tmp.resolve("config.json");
    try (Sshd sshd = Sshd.start(Files.createDirectories(tmp.resolve("sshd")), List.of(HEAD))) {
      Path knownHosts = sshd.writeKnownHosts(tmp.resolve("known_hosts"));
      StringWriter text = new StringWriter();
      int[] code = new int[1];
      withTextFromSystemIn(HEAD, "", String.valueOf(sshd.port()), sshd.clientPrivateKey().toString(),
          knownHosts.toString(), "",
          "", "", "", "", "",  // discovered cluster; components
          "", "", "",          // discovered image and category; no follow-ups (default)
          "", config.toString(), "dry-run", tmp.resolve("dry").toString()).execute(() -> {
            PrintWriter w = new PrintWriter(text, true);
            code[0] = DeployCommand.commandLine().setOut(w).setErr(w).execute("wizard", "--cmsh", "none",
                "--head-cmsh", cmsh.toString(), "--source", tmp.resolve("src").toString(),
                "--state", tmp.resolve("state").toString());
          });
      assertEquals(0, code[0], text.toString());
      assertTrue(text.toString().contains("Asking cmsh on " + HEAD + " over SSH"), text.toString());
      assertTrue(text.toString().contains("cmsh: WLM clusters slurm, slurm-b"), text.toString());
      DeployConfig c = ConfigReader.read(config);
      assertEquals("dgx-image", c.nodes().get(0).softwareImage());
      assertEquals(List.of("dgx"), c.nodes().get(0).categories());
      assertEquals(false, c.provisioning().updateImages());
      assertEquals(3, CmshSimulator.invocations(stateFile).size(), "three discovery calls over SSH");
    }
  }
}
