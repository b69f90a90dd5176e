package io.dgxmon.rolemonitor.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.rolemonitor.cmsh.Device;
import io.dgxmon.rolemonitor.config.ConfigLoaderTest;
import io.dgxmon.rolemonitor.config.MonitorConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which nodes get files, with which groups and labels, rendered byte for byte. */
class DesiredTargetsTest {
  private static final NodeRoles DGX01 =
      new NodeRoles(new Device("dgx-01", "PhysicalNode", "dgx", "10.141.0.1", ""), Set.of("slurmclient", "boot"));
  private static final NodeRoles LOGIN =
      new NodeRoles(new Device("login01", "PhysicalNode", "login", "10.141.0.9", ""), Set.of("slurmsubmit"));

  @Test
  void defaultConfigGivesTheFourGroupsOfDesignMd() throws Exception {
    MonitorConfig config = ConfigLoaderTest.config("{}");
    var desired = DesiredTargets.compute(List.of(DGX01, LOGIN), config);
    assertEquals(Set.of("dgx-01"), desired.keySet());
    String m = ",\"" + TargetFileFormat.MANAGED_LABEL + "\":\"dgxmon-role-monitor\"}}";
    assertEquals("[{\"targets\":[\"dgx-01:9100\"],\"labels\":{\"job\":\"node_exporter\",\"cluster\":\"slurm\",\"hostname\":\"dgx-01\",\"category\":\"dgx\"" + m + ",\n"
        + " {\"targets\":[\"dgx-01:9306\"],\"labels\":{\"job\":\"cgroup_exporter\",\"cluster\":\"slurm\",\"hostname\":\"dgx-01\",\"category\":\"dgx\"" + m + ",\n"
        + " {\"targets\":[\"dgx-01:9445\"],\"labels\":{\"job\":\"gpu_exporter\",\"cluster\":\"slurm\",\"hostname\":\"dgx-01\",\"category\":\"dgx\"" + m + ",\n"
        + " {\"targets\":[\"dgx-01:9400\"],\"labels\":{\"job\":\"dcgm_exporter\",\"cluster\":\"slurm\",\"hostname\":\"dgx-01\",\"category\":\"dgx\"" + m + "]\n",
        TargetFileFormat.render(desired.get("dgx-01")));
    new ObjectMapper().readTree(TargetFileFormat.render(desired.get("dgx-01")));
  }

  @Test
  void addressByIpDisabledAndRePortedExportersStaticLabelsAndSeveralRoles() throws Exception {
    MonitorConfig config = ConfigLoaderTest.config("""
        {"roles": ["SlurmSubmit", "slurmclient"], "address": "ip", "cluster": "dgx-a",
         "labels": {"site": "bergen"},
         "exporters": {"node": {"enabled": false}, "cgroup": {"enabled": false}, "gpu": {"enabled": false},
                       "dcgm": {"port": 19400, "labels": {"profile": "dcgm"}}}}""");
    var desired = DesiredTargets.compute(List.of(DGX01, LOGIN), config);
    assertEquals(Set.of("dgx-01", "login01"), desired.keySet());
    assertEquals(List.of(new TargetGroup(List.of("10.141.0.9:19400"), Map.of("job", "dcgm_exporter", "cluster", "dgx-a",
        "hostname", "login01", "category", "login", "site", "bergen", "profile", "dcgm"))), desired.get("login01"));
  }

  @Test
  void managedMarkerRecognisesOnlyOurFiles() {
    assertTrue(TargetFileFormat.isManaged(TargetFileFormat.render(List.of(
        new TargetGroup(List.of("a:1"), Map.of("job", "x"))))));
    assertFalse(TargetFileFormat.isManaged("[{\"targets\":[\"a:1\"],\"labels\":{\"job\":\"x\"}}]"));
    assertFalse(TargetFileFormat.isManaged("[]"));
    assertFalse(TargetFileFormat.isManaged("{not json"));
  }

  @Test
  void diffWritesChangedAndMissingFilesAndRemovesUnwantedManagedOnes() {
    TargetsDiff diff = TargetsDiff.between(Map.of("a.json", "A2", "b.json", "B", "c.json", "C"),
        Map.of("a.json", "A1", "b.json", "B", "d.json", "D"));
    assertEquals(Map.of("a.json", "A2", "c.json", "C"), diff.writes());
    assertEquals(Set.of("d.json"), diff.removals());
    assertEquals(1, diff.unchanged());
    assertTrue(TargetsDiff.between(Map.of("a.json", "A"), Map.of("a.json", "A")).isEmpty());
  }

  @Test
  void deletionGuardHoldsAMassDeletionUntilTheNextCycleAgrees() {
    DeletionGuard guard = new DeletionGuard(0.5);
    assertEquals(Set.of("a"), guard.allow(Set.of("a"), 4));
    assertEquals(Set.of("a", "b"), guard.allow(Set.of("a", "b"), 4));
    assertEquals(Set.of(), guard.allow(Set.of("a", "b", "c"), 4));
    assertTrue(guard.holding());
    assertEquals(Set.of(), guard.allow(Set.of("a", "b", "d"), 4));
    assertEquals(Set.of("a", "b", "d"), guard.allow(Set.of("a", "b", "d"), 4));
    assertFalse(guard.holding());
    assertEquals(Set.of(), guard.allow(Set.of("a", "b", "c", "d"), 4));
    assertEquals(Set.of(), guard.allow(Set.of(), 4));
    assertFalse(guard.holding());
  }
}
