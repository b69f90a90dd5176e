package io.dgxmon.deploy.cmsh;

import io.dgxmon.testkit.cmsh.ClusterState;
import java.util.List;

/**
 * Simulated BCM clusters. For discovery: two WLM clusters; dgx nodes (slurmclient from their category) sharing one
 * image; cpu nodes (slurmclient on each node) on two images; a login node without the role.
 */
public final class BcmClusterFixture {
  private BcmClusterFixture() {}

  public static ClusterState cluster() {
    ClusterState state = new ClusterState();
    state.headHostname = "bcm-head";
    state.nodes.add(ClusterState.Node.head("bcm-head", "10.141.255.254"));
    state.nodes.add(ClusterState.Node.physical("dgx-01", "dgx", "10.141.0.1"));
    state.nodes.add(ClusterState.Node.physical("dgx-02", "dgx", "10.141.0.2"));
    state.nodes.add(ClusterState.Node.physical("cpu-01", "cpu", "10.141.1.1", "slurmclient"));
    state.nodes.add(ClusterState.Node.physical("cpu-02", "cpu", "10.141.1.2", "slurmclient"));
    state.nodes.add(ClusterState.Node.physical("login-01", "login", "10.141.2.1"));
    state.nodes.get(1).softwareimage = "dgx-image";
    state.nodes.get(2).softwareimage = "dgx-image";
    state.nodes.get(4).softwareimage = "cpu-image-2";
    state.categories.add(ClusterState.Category.of("dgx", "slurmclient"));
    state.categories.add(ClusterState.Category.of("cpu"));
    state.categories.add(ClusterState.Category.of("login"));
    state.softwareImages.addAll(List.of("dgx-image", "cpu-image-2"));
    state.wlm.put("slurm-b", new java.util.LinkedHashMap<>(state.wlm.get("slurm")));
    return state;
  }

  /** A head node and two dgx nodes in category dgx, for provisioning: operations outlive their command that long. */
  public static ClusterState provisioning(double provisioningSeconds, boolean noisy) {
    ClusterState state = new ClusterState();
    state.nodes.add(ClusterState.Node.head("basecm10", "10.141.255.254"));
    state.nodes.add(ClusterState.Node.physical("dgx-01", "dgx", "10.141.0.1", "slurmclient"));
    state.nodes.add(ClusterState.Node.physical("dgx-02", "dgx", "10.141.0.2", "slurmclient"));
    state.categories.add(ClusterState.Category.of("dgx"));
    state.provisioningSeconds = provisioningSeconds;
    state.noisyOutput = noisy;
    return state;
  }
}
