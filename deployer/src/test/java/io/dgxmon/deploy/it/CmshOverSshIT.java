package io.dgxmon.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.it.LoopbackCluster.Node;
import io.dgxmon.deploy.it.LoopbackCluster.Run;
import io.dgxmon.testkit.Sshd;
import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The head node's cmsh steps (WLM prolog check, grabimage, image follow-ups with waiting) through the test kit's cmsh
 * simulator over real SSH.
 */
class CmshOverSshIT {
  @TempDir Path tmp;

  @Test
  void checksTheWlmPrologAndGrabsTheImageOnlyWhenAskedToWrite() throws Exception {
    LoopbackCluster c = new LoopbackCluster(tmp.resolve("w"));
    Path stateFile = tmp.resolve("cmsh-state.json");
    ClusterState bcm = headAndOneNode();
    bcm.write(stateFile);
    Path cmsh = CmshSimulator.install(tmp.resolve("bin"), stateFile);

    try (Sshd sshd = Sshd.start(Files.createDirectories(tmp.resolve("sshd")),
        Map.of("127.0.5.20", "head", "127.0.5.21", "dgx-01"))) {
      sshd.writeKnownHosts(c.knownHosts);
      Node head = new Node("head", "127.0.5.20", sshd.port());
      List<Node> nodes = List.of(new Node("dgx-01", "127.0.5.21", sshd.port()));
      String extra = "  \"roleMonitor\": {\"cmsh\": \"" + cmsh + "\"},\n"
          + "  \"grabImage\": {\"fromNode\": \"dgx-01\", \"write\": %s},\n";
      writeConfig(c, sshd, head, nodes, extra.formatted("true"));

      Run first = c.deploy();
      assertEquals(0, first.exitCode(), first.output());
      assertTrue(first.output().contains("[head] cmsh-check: prolog is BCM's generic runner"), first.output());
      assertEquals(List.of(new ClusterState.GrabImage("dgx-01", "default-image", false)),
          ClusterState.read(stateFile).grabImages, first.output());
      assertTrue(first.output().contains("[head] grabimage: "), first.output());

      ClusterState changed = ClusterState.read(stateFile);
      changed.wlm.get("slurm").put("prolog", "/etc/slurm/prolog.sh");
      changed.write(stateFile);
      writeConfig(c, sshd, head, nodes, extra.formatted("false"));
      Run second = c.deploy();
      assertEquals(0, second.exitCode(), second.output());
      assertTrue(second.output().contains("WARNING: Slurm's prolog is \"/etc/slurm/prolog.sh\", not BCM's generic "
          + "runner"), second.output());
      assertEquals(1, ClusterState.read(stateFile).grabImages.size(), "a dry-run grabimage writes nothing");
      assertTrue(CmshSimulator.invocations(stateFile).stream()
          .anyMatch(args -> args.contains("device; use dgx-01; grabimage")), "grabimage without -w was asked");
    }
  }

  @Test
  void imageFollowUpsWaitForProvisioningAndReportATimeout() throws Exception {
    LoopbackCluster c = new LoopbackCluster(tmp.resolve("w"));
    Path stateFile = tmp.resolve("cmsh-state.json");
    ClusterState bcm = headAndOneNode();
    bcm.categories.add(ClusterState.Category.of("dgx"));
    bcm.provisioningSeconds = 2;
    bcm.noisyOutput = true;
    bcm.write(stateFile);
    Path cmsh = CmshSimulator.install(tmp.resolve("bin"), stateFile);

    try (Sshd sshd = Sshd.start(Files.createDirectories(tmp.resolve("sshd")), Map.of("127.0.5.20", "head"))) {
      sshd.writeKnownHosts(c.knownHosts);
      Node head = new Node("head", "127.0.5.20", sshd.port());
      String extra = "  \"roleMonitor\": {\"cmsh\": \"" + cmsh + "\"},\n"
          + "  \"provisioning\": {\"updateImages\": true, \"pollSeconds\": 1, \"timeoutSeconds\": %d},\n";
      writeImageConfig(c, sshd, head, extra.formatted(120));
      Run first = c.deploy();
      assertEquals(0, first.exitCode(), first.output());
      assertTrue(first.output().contains("[head] cmsh-check: prolog is BCM's generic runner"), first.output());
      assertTrue(first.output().contains("[head] updateprovisioners: done ("), first.output());
      assertTrue(first.output().contains("[head] imageupdate: done (0 node(s) provisioning"), first.output());
      assertEquals(List.of(new ClusterState.ImageUpdate(List.of("dgx-01"))), ClusterState.read(stateFile).imageUpdates);
      assertTrue(CmshSimulator.invocations(stateFile).stream().allMatch(args -> args.subList(0, 3)
          .equals(List.of("--color=no", "-q", "-c"))), "every call: --color=no -q -c");

      ClusterState never = ClusterState.read(stateFile);
      never.provisioningSeconds = -1;
      never.write(stateFile);
      writeImageConfig(c, sshd, head, extra.formatted(2));
      Run second = c.deploy();
      assertEquals(0, second.exitCode(), second.output());
      assertTrue(second.output().contains("WARNING: provisioning still not finished after 2 s (last status: "
          + "0 node(s) provisioning, none busy or waiting, update of provisioning nodes requested: yes)"),
          second.output());
      assertTrue(second.output().contains("[head] imageupdate: timed out waiting (last status: 1 node(s) "
          + "provisioning, dgx-01 busy or waiting"), second.output());
    }
  }

  private static void writeImageConfig(LoopbackCluster c, Sshd sshd, Node head, String extra) throws Exception {
    writeConfig(c, sshd, head, List.of(), extra);
    String json = Files.readString(c.config).replace("\"nodes\": [\n    \n  ]",
        "\"nodes\": [{\"softwareImage\": \"dgx-image\", \"categories\": [\"dgx\"]}]");
    Files.writeString(c.config, json);
  }

  /** The head node "head" and one slurmclient node dgx-01 in category dgx. */
  private static ClusterState headAndOneNode() {
    ClusterState bcm = new ClusterState();
    bcm.headHostname = "head";
    bcm.nodes.add(ClusterState.Node.head("head", "127.0.5.20"));
    bcm.nodes.add(ClusterState.Node.physical("dgx-01", "dgx", "127.0.5.21", "slurmclient"));
    return bcm;
  }

  private static void writeConfig(LoopbackCluster c, Sshd sshd, Node head, List<Node> nodes, String extra)
      throws Exception {
    Files.writeString(c.config, c.configJson(sshd.clientPrivateKey(), head, nodes, extra)
        .replace("\"cluster\": \"test\"", "\"cluster\": \"slurm\""));
  }
}
