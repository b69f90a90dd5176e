package io.dgxmon.rolemonitor.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.cmsh.Device;
import io.dgxmon.rolemonitor.cmsh.Overlay;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Effective roles = node ∪ category ∪ covering overlays (docs/reference/cmsh.md §1.6). */
class EffectiveRolesTest {
  private static final Device HEAD = new Device("head", "HeadNode", "", "10.0.0.254", "");
  private static final Device A = new Device("a", "PhysicalNode", "dgx", "10.0.0.1", "");
  private static final Device B = new Device("b", "PhysicalNode", "dgx", "10.0.0.2", "");
  private static final Device C = new Device("c", "PhysicalNode", "login", "10.0.0.3", "");
  private static final Device SWITCH = new Device("sw", "Switch", "", "10.0.0.250", "");

  private static Map<String, Set<String>> roles(ClusterSnapshot s, Set<String> types) throws CmshParseException {
    return EffectiveRoles.compute(s, types).stream()
        .collect(java.util.stream.Collectors.toMap(n -> n.device().hostname(), NodeRoles::roles));
  }

  private static ClusterSnapshot snapshot(List<Overlay> overlays) {
    return new ClusterSnapshot(List.of(HEAD, A, B, C, SWITCH),
        Map.of("head", Set.of(), "a", Set.of("boot"), "b", Set.of(), "c", Set.of()),
        Map.of("dgx", Set.of("cgroupsupervisor"), "login", Set.of()), overlays, List.of());
  }

  @Test
  void unionOfNodeCategoryAndOverlaysByNodeByCategoryAndAllHeadNodes() throws Exception {
    ClusterSnapshot s = snapshot(List.of(
        new Overlay("by-node", false, Set.of("b"), Set.of(), Set.of("slurmclient")),
        new Overlay("by-category", false, Set.of(), Set.of("login"), Set.of("slurmsubmit")),
        new Overlay("heads", true, Set.of(), Set.of(), Set.of("slurmserver"))));
    Map<String, Set<String>> roles = roles(s, Set.of("physicalnode", "headnode"));
    assertEquals(Set.of("boot", "cgroupsupervisor"), roles.get("a"));
    assertEquals(Set.of("cgroupsupervisor", "slurmclient"), roles.get("b"));
    assertEquals(Set.of("slurmsubmit"), roles.get("c"));
    assertEquals(Set.of("slurmserver"), roles.get("head"));
    assertTrue(!roles.containsKey("sw"));
  }

  @Test
  void physicalNodesOnlyUnlessAskedAndTypeMatchIsCaseInsensitive() throws Exception {
    assertEquals(Set.of("a", "b", "c"), roles(snapshot(List.of()), Set.of("physicalnode")).keySet());
  }

  @Test
  void aNodeWithoutARolesBlockMakesTheAnswerUnusable() {
    ClusterSnapshot s = new ClusterSnapshot(List.of(A), Map.of(), Map.of("dgx", Set.of()), List.of(), List.of());
    assertThrows(CmshParseException.class, () -> EffectiveRoles.compute(s, Set.of("physicalnode")));
    ClusterSnapshot noCategory = new ClusterSnapshot(List.of(A), Map.of("a", Set.of()), Map.of(), List.of(), List.of());
    assertThrows(CmshParseException.class, () -> EffectiveRoles.compute(noCategory, Set.of("physicalnode")));
  }
}
