package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.plan.InstallManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file keeps its format (manifest lists beside the steps) and the manifest only ever grows. */
class TargetStateTest {
  @TempDir Path tmp;

  @Test
  void readsAStateFileOfTheExistingFormat() throws Exception {
    Files.writeString(tmp.resolve("dgx-01.json"), """
        {"configHash": "abc", "steps": {"preflight": "f1", "runtime": "f2"},
         "files": ["/etc/dgxmon/exporter.json"], "trees": ["/opt/dgxmon/runtime"],
         "links": ["/cm/local/apps/slurm/var/prologs/60-prolog-dgxmon.sh"], "units": ["dgxmon-exporter.service"],
         "createdDirs": ["/etc/dgxmon"]}
        """);
    TargetState s = StateStore.open(tmp).load("dgx-01");
    assertEquals("abc", s.configHash());
    assertEquals(Map.of("preflight", "f1", "runtime", "f2"), s.steps());
    assertEquals(new InstallManifest(List.of("/etc/dgxmon/exporter.json"), List.of("/opt/dgxmon/runtime"),
        List.of("/cm/local/apps/slurm/var/prologs/60-prolog-dgxmon.sh"), List.of("dgxmon-exporter.service"),
        List.of("/etc/dgxmon")), s.manifest());
  }

  @Test
  void savedStateReadsBackEqualAndFlat() throws Exception {
    StateStore store = StateStore.open(tmp);
    TargetState s = TargetState.EMPTY.withConfigHash("h").withStep("preflight", "f1")
        .withManifest(InstallManifest.EMPTY.withFile("/a").withUnit("u.service").withCreatedDirs(List.of("/d")));
    store.save("n", s);
    assertEquals(s, store.load("n"));
    String json = Files.readString(tmp.resolve("n.json"));
    assertTrue(json.contains("\"files\" : [ \"/a\" ]") && !json.contains("manifest"), json);
  }

  @Test
  void aMissingListReadsAsEmpty() throws Exception {
    Files.writeString(tmp.resolve("old.json"), "{\"configHash\": \"x\", \"steps\": {}, \"files\": [\"/a\"]}");
    assertEquals(InstallManifest.EMPTY.withFile("/a"), StateStore.open(tmp).load("old").manifest());
  }

  @Test
  void manifestUnionKeepsFirstSeenOrderWithoutDuplicates() {
    InstallManifest m = InstallManifest.EMPTY.withFile("/b").withFile("/a").withFile("/b")
        .withCreatedDirs(List.of("/x", "/y")).withCreatedDirs(List.of("/y", "/z"));
    assertEquals(List.of("/b", "/a"), m.files());
    assertEquals(List.of("/x", "/y", "/z"), m.createdDirs());
  }

  @Test
  void stepsComeAndGoWithoutTouchingTheOriginal() {
    TargetState a = TargetState.EMPTY.withStep("config", "f");
    TargetState b = a.withoutStep("config");
    assertTrue(a.isDone("config", "f"));
    assertFalse(b.isDone("config", "f"));
  }
}
