package io.dgxmon.e2e.stack;

import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.ClusterState.Node;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BCM as the head node sees it: the cmsh simulator's cluster (the head node and every Slurm node, each node carrying
 * the {@code slurmclient} role) and the installed role monitor, run {@code --once} the way its unit runs it.
 */
public final class SimulatedBcm {
  static final String ROLE = "slurmclient";
  private static final Duration ROLE_MONITOR_TIMEOUT = Duration.ofSeconds(90);

  private final StackLayout layout;
  private final ClusterState state;
  private final Path cmsh;

  private SimulatedBcm(StackLayout layout, ClusterState state, Path cmsh) {
    this.layout = layout;
    this.state = state;
    this.cmsh = cmsh;
  }

  public static SimulatedBcm create(StackLayout layout, Topology topology) {
    ClusterState state = new ClusterState();
    state.headHostname = topology.headName();
    state.nodes.add(Node.head(topology.headName(), topology.headAddress()));
    for (String node : topology.nodes()) {
      state.nodes.add(Node.physical(node, "dgx", topology.address(node), ROLE));
    }
    state.categories.add(ClusterState.Category.of("dgx"));
    state.write(layout.cmshState());
    return new SimulatedBcm(layout, state, CmshSimulator.install(layout.cmshDir(), layout.cmshState()));
  }

  public Path cmsh() {
    return cmsh;
  }

  /** Takes the role off {@code node} in the simulated cluster (as {@code roles; unassign} + commit would). */
  public void removeRole(String node) {
    node(node).roles.remove(ROLE);
    state.write(layout.cmshState());
  }

  /** Runs the head node's installed role monitor once; the result says what it did. */
  public ProcessResult roleMonitorOnce() throws IOException {
    List<String> command = new ArrayList<>(InstalledUnit.command(layout.headRoot(), "dgxmon-role-monitor.service"));
    command.add("--once");
    return Processes.run(ROLE_MONITOR_TIMEOUT, Map.of(), command);
  }

  private Node node(String hostname) {
    return state.nodes.stream().filter(n -> hostname.equals(n.hostname)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + hostname + " in the simulated cluster"));
  }
}
