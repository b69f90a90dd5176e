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

/** The head node's cmsh steps (WLM prolog check, grabimage) through the test kit's cmsh simulator over real SSH. */
class CmshOverSshIT {
  @TempDir Path tmp;

  @Test
  void checksTheWlmPrologAndGrabsTheImageOnlyWhenAskedToWrite() throws Exception {
    LoopbackCluster c = new LoopbackCluster(tmp.resolve("w"));
    Path stateFile = tmp.resolve("cmsh-state.json");
    ClusterState bcm = new ClusterState();
    bcm.headHostname = "head";
    bcm.nodes.add(ClusterState.Node.head("head", "127.0.5.20"));
    bcm.nodes.add(ClusterState.Node.physical("dgx-01", "dgx", "127.0.5.21", "slurmclient"));
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

  private static void writeConfig(LoopbackCluster c, Sshd sshd, Node head, List<Node> nodes, String extra)
      throws Exception {
    Files.writeString(c.config, c.configJson(sshd.clientPrivateKey(), head, nodes, extra)
        .replace("\"cluster\": \"test\"", "\"cluster\": \"slurm\""));
  }
}
