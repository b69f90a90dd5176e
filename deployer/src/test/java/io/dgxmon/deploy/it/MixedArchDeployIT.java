package io.dgxmon.deploy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.it.LoopbackCluster.Node;
import io.dgxmon.deploy.it.LoopbackCluster.Run;
import io.dgxmon.deploy.plan.Payload;
import io.dgxmon.testkit.Sshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config with x86_64 and arm64 (Grace) node groups deployed over a real sshd on 127.0.9.x: each node gets the
 * runtime archive of its group's {@code arch}, byte for byte, and a second run uploads nothing. The loopback nodes
 * are all this x86_64 machine, so what runs there is not tried here (NodeRuntimeIT runs the arm64 runtime under
 * qemu); a missing arm64 runtime stops the run before any host is touched.
 */
class MixedArchDeployIT {
  @TempDir Path tmp;

  @Test
  void eachNodeGetsTheRuntimeOfItsArchitecture() throws Exception {
    LoopbackCluster c = new LoopbackCluster(tmp.resolve("w"));
    Map<String, String> addresses = Map.of("127.0.9.1", "dgx-01", "127.0.9.2", "gb-01", "127.0.9.3", "gb-02",
        "127.0.9.10", "head");
    try (Sshd sshd = Sshd.start(Files.createDirectories(tmp.resolve("sshd")), addresses)) {
      List<Node> nodes = List.of(new Node("dgx-01", "127.0.9.1", sshd.port()),
          new Node("gb-01", "127.0.9.2", sshd.port(), "arm64"), new Node("gb-02", "127.0.9.3", sshd.port(), "arm64"));
      StringBuilder known = new StringBuilder();
      for (String address : addresses.keySet()) {
        known.append(sshd.knownHostsLine(address)).append('\n');
      }
      Files.writeString(c.knownHosts, known);
      Files.writeString(c.config,
          c.configJson(sshd.clientPrivateKey(), new Node("head", "127.0.9.10", sshd.port()), nodes, ""));

      Run first = c.deploy();
      assertEquals(0, first.exitCode(), first.output());
      assertRuntime(c, "dgx-01", "x86_64", "x86_64");
      assertRuntime(c, "gb-01", "arm64", "aarch64");
      assertRuntime(c, "gb-02", "arm64", "aarch64");
      assertRuntime(c, "head", "x86_64", "x86_64");

      Run again = c.deploy();
      assertEquals(0, again.exitCode(), again.output());
      assertTrue(again.output().contains("4 target(s), 0 failed; 0 upload(s), 0.0 MiB"), again.output());

      Path arm64 = c.source.resolve(".dgxmon-build/runtime-linux-arm64.tar");
      Files.delete(arm64);
      Path gb01 = c.root("gb-01").resolve("opt/dgxmon/runtime");
      Files.delete(gb01.resolve(".dgxmon-sha256"));
      Run unbuilt = c.deploy();
      assertEquals(1, unbuilt.exitCode(), unbuilt.output());
      assertTrue(unbuilt.output().contains("not built yet (run ./setup.sh --build): " + arm64), unbuilt.output());
      assertFalse(Files.exists(gb01.resolve(".dgxmon-sha256")), "a refused run touched gb-01");
    }
  }

  /** The node's runtime came from {@code runtime-linux-<arch>.tar}: its marker and its {@code release}. */
  private static void assertRuntime(LoopbackCluster c, String node, String arch, String osArch) throws Exception {
    Path tar = c.source.resolve(".dgxmon-build/runtime-linux-" + arch + ".tar");
    Path runtime = c.root(node).resolve("opt/dgxmon/runtime");
    assertEquals(Payload.sha256(Files.readAllBytes(tar)), Files.readString(runtime.resolve(".dgxmon-sha256")).strip(),
        node + "'s runtime marker");
    assertEquals("OS_ARCH=\"" + osArch + "\"\n", Files.readString(runtime.resolve("release")), node);
  }
}
