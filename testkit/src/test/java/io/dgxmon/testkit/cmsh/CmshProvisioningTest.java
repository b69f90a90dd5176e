package io.dgxmon.testkit.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.cmsh.ClusterState.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Provisioning that outlives its command, provisioningstatus, and noisy answers (docs/reference/cmsh.md). */
class CmshProvisioningTest {
  private static ClusterState cluster(double provisioningSeconds) {
    ClusterState state = new ClusterState();
    state.nodes.add(Node.head("basecm10", "10.141.255.254"));
    state.nodes.add(Node.physical("node001", "default", "10.141.0.1"));
    state.categories.add(ClusterState.Category.of("default"));
    state.provisioningSeconds = provisioningSeconds;
    return state;
  }

  private static String run(ClusterState state, String script) {
    CmshSimulator.Result r = CmshSimulator.run(state, script, true);
    assertEquals(0, r.exitCode(), r.output());
    return r.output();
  }

  private static String busy(ClusterState state) {
    return run(state, "softwareimage; provisioningstatus").lines()
        .filter(l -> l.startsWith("Nodes currently provisioning:")).findFirst().orElseThrow();
  }

  @Test
  void anInstantOperationPrintsBothNoticesAndLeavesProvisioningIdle() {
    ClusterState state = cluster(0);
    String out = run(state, "device; use node001; grabimage -w");
    assertTrue(out.contains("Provisioning started on node node001"), out);
    assertTrue(out.contains("Provisioning completed on node node001"), out);
    assertTrue(out.endsWith("grabimage [ COMPLETED ]\n"), out);
    assertEquals("Nodes currently provisioning:           0", busy(state));
  }

  @Test
  void aSlowOperationReturnsFirstAndEndsLater() throws Exception {
    ClusterState state = cluster(0.5);
    String out = run(state, "device; imageupdate -w -c default");
    assertTrue(out.contains("Provisioning started on node node001"), out);
    assertFalse(out.contains("Provisioning completed"), "completion comes after the command: " + out);
    assertEquals("Nodes currently provisioning:           1", busy(state));
    Thread.sleep(700);
    assertEquals("Nodes currently provisioning:           0", busy(state));
  }

  @Test
  void neverEndingOperationsAndAPendingUpdateOfTheProvisionersStayVisible() throws Exception {
    ClusterState state = cluster(-1);
    assertEquals("Provisioning nodes will be updated in the background.\n",
        run(state, "softwareimage; updateprovisioners"));
    run(state, "device; imageupdate -w -c default");
    Thread.sleep(100);
    String status = run(state, "softwareimage; provisioningstatus");
    assertTrue(status.contains("Update of provisioning nodes requested: yes"), status);
    assertTrue(status.contains("Nodes currently being provisioned:    node001"), status);
    assertEquals(List.of("updateprovisioners", "imageupdate"),
        state.provisioningJobs.stream().map(ClusterState.ProvisioningJob::operation).toList());
  }

  @Test
  void noisyOutputColoursLinesAddsAnEventAndTrailingBlanks() {
    ClusterState state = cluster(0);
    state.noisyOutput = true;
    List<String> lines = run(state, "wlm; use slurm; get prolog").lines().toList();
    assertEquals("\u001b[1;32m/cm/local/apps/cmd/scripts/prolog\u001b[0m   ", lines.get(0));
    assertTrue(lines.get(1).contains(" [notice] basecm10: "), lines.get(1));
    assertEquals(List.of("  ", ""), lines.subList(2, 4));
  }
}
