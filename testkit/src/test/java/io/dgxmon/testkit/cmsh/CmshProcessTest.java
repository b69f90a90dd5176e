package io.dgxmon.testkit.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed {@code cmsh} executable: invocation styles, persistence, failure modes. */
class CmshProcessTest {
  @TempDir Path dir;

  private record Run(String stdout, String stderr, int rc) {}

  private Run cmsh(Path cmsh, String stdin, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(cmsh.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).start();
    p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    try {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "fake cmsh did not finish");
      return new Run(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
          new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), p.exitValue());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void commandsFlagsStdinEchoAndPersistedGrabimage() throws Exception {
    Path state = dir.resolve("cluster.json");
    CmshRolesTest.wlmCluster().write(state);
    Path cmsh = CmshSimulator.install(dir.resolve("bin"), state);

    Run batch = cmsh(cmsh, "", "--color=no", "-q", "-c", "wlm; use slurm; get prolog");
    assertEquals(new Run("/cm/local/apps/cmd/scripts/prolog\n", "", 0), batch);

    Run piped = cmsh(cmsh, "device status node001\n", "--color=no");
    assertEquals("device status node001\nnode001 ............. [   UP   ]\n", piped.stdout());

    Path script = dir.resolve("cmds.cmsh");
    Files.writeString(script, "device status node001\n");
    assertEquals("node001 ............. [   UP   ]\n", cmsh(cmsh, "", "-f", script.toString()).stdout());

    Run grab = cmsh(cmsh, "", "-q", "-c", "device; use node002; grabimage -w");
    assertTrue(grab.stdout().endsWith("grabimage [ COMPLETED ]\n"), grab.stdout());
    assertEquals(List.of(new ClusterState.GrabImage("node002", "default-image", false)),
        ClusterState.read(state).grabImages);

    Run unknown = cmsh(cmsh, "", "-q", "-c", "device; use nosuch; grabimage -w");
    assertEquals(1, unknown.rc());
    assertEquals(5, CmshSimulator.invocations(state).size());
    assertEquals(List.of("--color=no", "-q", "-c", "wlm; use slurm; get prolog"), CmshSimulator.invocations(state).get(0));
  }

  @Test
  void unreachableAndGarbageModes() throws Exception {
    Path state = dir.resolve("cluster.json");
    ClusterState cluster = CmshRolesTest.wlmCluster();
    cluster.mode = "unreachable";
    cluster.write(state);
    Path cmsh = CmshSimulator.install(dir.resolve("bin"), state);
    Run down = cmsh(cmsh, "", "-q", "-c", "device; list");
    assertEquals(1, down.rc());
    assertTrue(down.stderr().contains("Unable to connect to CMDaemon"), down.stderr());

    cluster.mode = "garbage";
    cluster.write(state);
    Run garbage = cmsh(cmsh, "", "-q", "-c", "device; list");
    assertEquals(0, garbage.rc());
    assertTrue(garbage.stdout().contains("protocol error"), garbage.stdout());
  }
}
