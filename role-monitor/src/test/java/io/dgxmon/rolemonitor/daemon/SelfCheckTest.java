package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.rolemonitor.check.CaptureReplay;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import io.dgxmon.testkit.cmsh.CmshVariants;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgxmon-role-monitor --check [--save-capture DIR]} against the cmsh simulator. */
class SelfCheckTest {
  /** Set to true ({@code -Ddgxmon.captures.update=true}) to rewrite the simulator's captures in the source tree. */
  private static final boolean UPDATE_CAPTURES = Boolean.getBoolean("dgxmon.captures.update");
  private static final Path CAPTURES = Path.of("src/test/resources/captures");

  @TempDir Path dir;
  private SimulatedHeadNode head;

  @BeforeEach
  void start() throws Exception {
    head = new SimulatedHeadNode(dir);
  }

  /** Each file in the targets directory (hidden ones too): its bytes and its mtime. */
  private Map<String, String> targetsDirState() throws Exception {
    Map<String, String> state = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(head.targets)) {
      for (Path file : files) {
        FileTime mtime = Files.getLastModifiedTime(file);
        state.put(file.getFileName().toString(), Arrays.toString(Files.readAllBytes(file)) + " @" + mtime.toMillis());
      }
    }
    return state;
  }

  @Test
  void checkWritesNothingAndSaysWhatItWouldDoAndWhy() throws Exception {
    assertEquals(0, head.once().exitCode());
    head.node("dgx-04").roles.clear();
    head.node("dgx-05").roles.add("slurmclient");
    head.save();
    Map<String, String> before = targetsDirState();
    Thread.sleep(20);
    SimulatedHeadNode.Run check = head.run("--check");
    assertEquals(0, check.exitCode(), check.out() + check.log());
    assertEquals(before, targetsDirState());
    for (String expected : List.of("Cluster Manager: 10.23.12", "devices seen: HeadNode 1, PhysicalNode 5, Switch 1",
        "dgx-01: slurmclient from category dgx", "dgx-02: slurmclient from overlay slurm-client",
        "dgx-03: slurmclient from overlay slurm-client", "dgx-05: slurmclient from node",
        "nodes without a watched role: dgx-04", "would write dgx-05.json", "would remove dgx-04.json",
        "unchanged: 3 file(s)", "[ok] under -q, exit status 0", "[ok] the script uses no ! shell escape",
        "result: the cycle would succeed (exit 0)")) {
      assertTrue(check.out().contains(expected), expected + " missing from:\n" + check.out());
    }
  }

  @Test
  void checkCreatesNoMissingTargetsDirectory() {
    SimulatedHeadNode.Run check = head.run("--check");
    assertEquals(0, check.exitCode(), check.out() + check.log());
    assertTrue(check.out().contains("(missing; the cycle would create it)"), check.out());
    assertTrue(check.out().contains("would write dgx-01.json"), check.out());
    assertFalse(Files.exists(head.targets));
  }

  @Test
  void checkExitsOneAndSaysWhyWhenTheCycleWouldFail() throws Exception {
    head.state.mode = "unreachable";
    head.save();
    SimulatedHeadNode.Run check = head.run("--check");
    assertEquals(1, check.exitCode());
    assertTrue(check.out().contains("result: the cycle would FAIL and change no file: exit code 1: Unable to connect"),
        check.out());
    head.state.mode = "garbage";
    head.save();
    SimulatedHeadNode.Run garbage = head.run("--check", "--save-capture", dir.resolve("bad").toString());
    assertEquals(1, garbage.exitCode());
    assertTrue(garbage.out().contains("cmsh answer not usable"), garbage.out());
    assertTrue(Files.exists(dir.resolve("bad/answer.txt")));
    assertFalse(Files.exists(dir.resolve("bad/expected.json")), "a refused answer has no expectation");
  }

  @Test
  void aDisabledOverlayGivesNoTargets() throws Exception {
    head.state.overlays.get(0).priority = -1;
    head.save();
    SimulatedHeadNode.Run check = head.run("--check");
    assertEquals(0, check.exitCode(), check.out());
    assertTrue(check.out().contains("nodes without a watched role: dgx-02, dgx-03, dgx-05"), check.out());
  }

  @Test
  void simulatorCapturesForBcm10AndBcm11AreCurrentAndReplay() throws Exception {
    capture("simulator-bcm10", "bcm10", CmshVariants.DEFAULT);
    capture("simulator-bcm11", "bcm11", new CmshVariants(CmshVariants.ShellEscape.UNKNOWN_COMMAND,
        CmshVariants.EmptyRoleList.NOTHING, CmshVariants.InheritedRoleRows.HIDDEN));
  }

  private void capture(String name, String profile, CmshVariants variants) throws Exception {
    head.state.profile = profile;
    head.state.variants = variants;
    if (profile.equals("bcm11")) {
      head.state.nodes.add(Node.device("PowerShelf", "GB200-Rack2-PS1", "127.0.4.251"));
      head.state.nodes.add(Node.device("Switch", "GB200-Rack2-NVSW1", "127.0.4.252"));
    }
    head.save();
    Path saved = dir.resolve(name);
    SimulatedHeadNode.Run check = head.run("--check", "--save-capture", saved.toString());
    assertEquals(0, check.exitCode(), check.out() + check.log());
    assertEquals(CaptureReplay.expected(saved), CaptureReplay.replay(saved));
    Path stored = CAPTURES.resolve(name);
    for (String file : List.of("answer.txt", "expected.json", "summary.txt")) {
      String content = Files.readString(saved.resolve(file)).replace(dir.toString(), "/tmp/check");
      if (UPDATE_CAPTURES) {
        Files.createDirectories(stored);
        Files.writeString(stored.resolve(file), content);
      } else if (!file.equals("summary.txt")) {
        assertEquals(Files.readString(stored.resolve(file)), content, stored.resolve(file)
            + " is out of date; rerun with -Ddgxmon.captures.update=true and review the diff");
      }
    }
  }
}
