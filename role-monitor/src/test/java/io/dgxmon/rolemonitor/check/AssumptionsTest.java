package io.dgxmon.rolemonitor.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.Device;
import io.dgxmon.rolemonitor.cmsh.Overlay;
import io.dgxmon.rolemonitor.cmsh.RoleListing;
import io.dgxmon.rolemonitor.cmsh.VersionInfo;
import io.dgxmon.rolemonitor.targets.EffectiveRoles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What --check says about cmsh's inherited rows, empty lists and disabled overlays, from plain values. */
class AssumptionsTest {
  private static final Device A = new Device("a", "PhysicalNode", "dgx", "10.0.0.1", "");
  private static final Device B = new Device("b", "PhysicalNode", "dgx", "10.0.0.2", "");

  private static Map<String, Assumption> byClaimStart(ClusterSnapshot snapshot) throws Exception {
    Map<String, Assumption> out = new java.util.HashMap<>();
    for (Assumption a : Assumptions.of(0, snapshot, EffectiveRoles.compute(snapshot, Set.of("physicalnode")))) {
      out.put(a.claim().substring(0, a.claim().indexOf(' ')), a);
    }
    return out;
  }

  @Test
  void inheritedRowsThatDisagreeWithTheUnionAreReportedAndEmptyListFormsCounted() throws Exception {
    // cmsh shows a row from an overlay we consider disabled: the union says no, and --check says they differ.
    RoleListing shown = new RoleListing(Set.of(), List.of("overlay:old slurmclient"), RoleListing.Form.ROWS);
    RoleListing nothing = new RoleListing(Set.of(), List.of(), RoleListing.Form.NOTHING);
    ClusterSnapshot snapshot = new ClusterSnapshot(List.of(A, B), Map.of("a", shown, "b", nothing),
        Map.of("dgx", RoleListing.of()), List.of(new Overlay("old", -1, false, Set.of("a"), Set.of(),
        Set.of("slurmclient"))), new VersionInfo(List.of(Map.entry("Cluster Manager", "11.0"))), List.of());
    Map<String, Assumption> seen = byClaimStart(snapshot);
    assertEquals(new Assumption("effective roles = own rows ∪ category ∪ enabled overlays (prefixed rows only compared)",
        false, "inherited rows on 1 of 2 nodes; 1 differ: a (cmsh [slurmclient], union [])"), seen.get("effective"));
    assertEquals("lists with rows 1, header only 1, nothing 1", seen.get("an").observed());
    assertEquals("1 overlays, 1 disabled [old]", seen.get("configurationoverlay;").observed());
    assertEquals("Cluster Manager 11.0", seen.get("main;").observed());
  }
}
