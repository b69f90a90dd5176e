package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.cmsh.CmshVariants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dgxmon-role-monitor --once} against the cmsh simulator: roles, changes and failures. */
class RoleMonitorSimulatorTest {
  private static final Set<String> FIRST_FILES = Set.of("dgx-01.json", "dgx-02.json", "dgx-03.json", "dgx-04.json");

  @TempDir Path dir;
  private SimulatedHeadNode head;

  @BeforeEach
  void start() throws Exception {
    head = new SimulatedHeadNode(dir);
  }

  private SimulatedHeadNode.Run ok() {
    SimulatedHeadNode.Run run = head.once();
    assertEquals(0, run.exitCode(), run.log());
    return run;
  }

  /** Until a file written now gets a later mtime than {@code time}, a rewrite could not be told from no write. */
  private void awaitFileClockPast(FileTime time) {
    Path probe = dir.resolve("clock-probe");
    Await.until("the file system clock to pass " + time, Duration.ofSeconds(5),
        () -> Files.getLastModifiedTime(Files.writeString(probe, "")), now -> now.compareTo(time) > 0);
  }

  private JsonNode read(String name) throws Exception {
    return new ObjectMapper().readTree(head.targets.resolve(name).toFile());
  }

  @Test
  void roleViaCategoryOverlayByNodeOverlayByCategoryAndNodeOneCmshCallPerCycle() throws Exception {
    ok();
    assertEquals(new TreeSet<>(FIRST_FILES), head.files());
    assertEquals(1, head.cmshCalls());
    JsonNode dgx03 = read("dgx-03.json");
    assertEquals(4, dgx03.size());
    assertEquals("dgx-03:9100", dgx03.get(0).get("targets").get(0).asText());
    assertEquals("cpu", dgx03.get(0).get("labels").get("category").asText());
    assertEquals("dcgm_exporter", dgx03.get(3).get("labels").get("job").asText());
    ok();
    assertEquals(2, head.cmshCalls());
  }

  @Test
  void aFullCycleUnderTheLeastForgivingCmshVariants() throws Exception {
    // ! would end the script, empty role lists print nothing, node lists show no inherited rows.
    head.state.variants = new CmshVariants(CmshVariants.ShellEscape.REST_OF_SCRIPT_TO_SHELL,
        CmshVariants.EmptyRoleList.NOTHING, CmshVariants.InheritedRoleRows.HIDDEN);
    head.save();
    ok();
    assertEquals(new TreeSet<>(FIRST_FILES), head.files());
  }

  @Test
  void aCycleWithNoChangeRewritesNothing() throws Exception {
    ok();
    BasicFileAttributes before = Files.readAttributes(head.targets.resolve("dgx-01.json"), BasicFileAttributes.class);
    awaitFileClockPast(before.lastModifiedTime());
    SimulatedHeadNode.Run second = ok();
    BasicFileAttributes after = Files.readAttributes(head.targets.resolve("dgx-01.json"), BasicFileAttributes.class);
    assertEquals(before.fileKey(), after.fileKey());
    assertEquals(before.lastModifiedTime(), after.lastModifiedTime());
    assertFalse(second.log().contains("written"), second.log());
  }

  @Test
  void roleRemovedNodeRenamedAndCategoryChanged() throws Exception {
    ok();
    head.node("dgx-04").roles.clear();
    head.save();
    ok();
    assertEquals(Set.of("dgx-01.json", "dgx-02.json", "dgx-03.json"), head.files());

    head.node("dgx-01").hostname = "dgx-11";
    head.save();
    ok();
    assertEquals(Set.of("dgx-02.json", "dgx-03.json", "dgx-11.json"), head.files());

    head.node("dgx-02").category = "dgx";
    head.node("dgx-03").category = "spare";
    head.save();
    ok();
    assertEquals(Set.of("dgx-02.json", "dgx-11.json"), head.files());
    assertEquals("dgx", read("dgx-02.json").get(0).get("labels").get("category").asText());
  }

  @Test
  void aMassRemovalWaitsForTheNextCycleToAgree() throws Exception {
    ok();
    head.state.categories.get(0).roles.clear();
    head.state.overlays.clear();
    head.save();
    SimulatedHeadNode.Run held = ok();
    assertTrue(held.log().contains("holding 3 of 4 target files"), held.log());
    assertTrue(head.files().containsAll(FIRST_FILES));
    ok();
    assertEquals(Set.of("dgx-04.json"), head.files());
  }

  @Test
  void foreignFilesAreNeverTouched() throws Exception {
    Files.createDirectories(head.targets);
    Files.writeString(head.targets.resolve("static.json"), "[{\"targets\":[\"x:1\"],\"labels\":{}}]");
    Files.writeString(head.targets.resolve("dgx-05.json"), "[]");
    ok();
    Files.writeString(head.targets.resolve("dgx-01.json"), "[{\"targets\":[\"mine:1\"],\"labels\":{}}]");
    SimulatedHeadNode.Run run = head.once();
    assertEquals(1, run.exitCode(), "refusing to overwrite a foreign file is a failure worth an exit code");
    assertTrue(run.log().contains("was not written by dgxmon-role-monitor"), run.log());
    assertEquals("[]", Files.readString(head.targets.resolve("dgx-05.json")));
    assertEquals("[{\"targets\":[\"mine:1\"],\"labels\":{}}]", Files.readString(head.targets.resolve("dgx-01.json")));
    assertTrue(head.files().contains("static.json"));
  }

  @Test
  void unreachableGarbageAndErrorTextChangeNoFile() throws Exception {
    ok();
    String before = Files.readString(head.targets.resolve("dgx-01.json"));
    head.state.overlays.clear();
    head.state.mode = "unreachable";
    head.save();
    SimulatedHeadNode.Run down = head.once();
    assertEquals(1, down.exitCode());
    assertTrue(down.log().contains("cmsh failed, no target file changed: exit code 1: Unable to connect"), down.log());
    head.state.mode = "garbage";
    head.save();
    SimulatedHeadNode.Run garbage = head.once();
    assertEquals(1, garbage.exitCode());
    assertTrue(garbage.log().contains("cmsh answer not usable"), garbage.log());
    head.set("cmsh", "[\"/bin/sh\", \"-c\", \"echo 'Error: failed to get licensing information'\", \"sh\"]");
    assertEquals(1, head.once().exitCode());
    assertEquals(new TreeSet<>(FIRST_FILES), head.files());
    assertEquals(before, Files.readString(head.targets.resolve("dgx-01.json")));
  }

  @Test
  void aHangingCmshIsKilledWithItsChildrenAndChangesNoFile() throws Exception {
    ok();
    Path pidFile = dir.resolve("sleep.pid");
    head.set("cmsh", new ObjectMapper().writeValueAsString(List.of("/bin/sh", "-c",
        "sleep 300 & echo $! > '" + pidFile + "'; wait", "sh"))).set("cmshTimeoutSeconds", "1");
    long start = System.nanoTime();
    SimulatedHeadNode.Run run = head.once();
    assertEquals(1, run.exitCode());
    assertTrue(run.log().contains("timed out after 1 s (process tree killed)"), run.log());
    assertTrue(System.nanoTime() - start < 15_000_000_000L, "the timeout did not cut the run short");
    long sleepPid = Long.parseLong(Files.readString(pidFile).strip());
    assertFalse(ProcessHandle.of(sleepPid).map(ProcessHandle::isAlive).orElse(false), "the grandchild survived");
    assertEquals(new TreeSet<>(FIRST_FILES), head.files());
  }

  @Test
  void aSlowSimulatedCmshTimesOut() throws Exception {
    head.state.delaySeconds = 30;
    head.save();
    head.set("cmshTimeoutSeconds", "2");
    SimulatedHeadNode.Run run = head.once();
    assertEquals(1, run.exitCode());
    assertTrue(run.log().contains("timed out"), run.log());
    assertEquals(Set.of(), head.files().stream().filter(f -> f.endsWith(".json")).collect(java.util.stream.Collectors.toSet()));
  }

  @Test
  void addressByIpAndHeadNodesWhenAsked() throws Exception {
    head.set("address", "\"ip\"").set("nodeTypes", "[\"PhysicalNode\", \"HeadNode\"]");
    ok();
    assertTrue(head.files().contains("basecm11.json"));
    assertEquals("127.0.4.11:9100", read("dgx-01.json").get(0).get("targets").get(0).asText());
  }

  @Test
  void aBadConfigExitsWithTwoAndAHint() throws Exception {
    head.set("pollIntervalSecond", "5");
    SimulatedHeadNode.Run run = head.once();
    assertEquals(2, run.exitCode());
    assertTrue(run.log().contains("pollIntervalSecond: unknown key (did you mean \"pollIntervalSeconds\"?)"), run.log());
    assertEquals(0, head.cmshCalls());
  }
}
