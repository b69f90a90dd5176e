package io.dgxmon.e2e.stack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * The deployer config ({@code ./setup.sh --config FILE}) that installs the stack over SSH: every node and the head
 * node into its own root, the Slurm scripts and the targets directory on the emulated /cm/shared, the NVML stub as
 * the nodes' driver library and the cmsh simulator as the head node's cmsh. Everything else keeps its default.
 */
public final class DeployConfigFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeployConfigFile() {}

  /** How the deployer reaches the hosts and what it installs as peers' paths. */
  public record Inputs(int sshPort, Path identityFile, Path nvmlLibrary, Path cmsh) {}

  public static String render(StackLayout layout, Topology topology, Inputs in) {
    ObjectNode config = JSON.createObjectNode();
    config.put("cluster", "slurm");
    ObjectNode head = config.putObject("headNode");
    head.put("host", topology.headName());
    head.put("address", topology.headAddress());
    head.put("targetRoot", layout.headRoot().toString());
    ObjectNode ssh = config.putObject("ssh");
    ssh.put("port", in.sshPort());
    ssh.put("identityFile", in.identityFile().toString());
    ssh.put("knownHostsFile", layout.knownHosts().toString());
    ssh.put("connectTimeoutSeconds", 10);
    ssh.put("commandTimeoutSeconds", 120);
    ArrayNode nodes = config.putArray("nodes");
    for (String node : topology.nodes()) {
      nodes.addObject().put("hosts", node).put("address", topology.address(node))
          .put("targetRoot", layout.nodeRoot(node).toString());
    }
    config.putObject("paths")
        .put("sharedSlurmDir", layout.sharedSlurmDir().toString())
        .put("targetsDir", layout.targetsDir().toString())
        .put("nvmlLibrary", in.nvmlLibrary().toString());
    config.putObject("ports")
        .put("dcgm", topology.ports().dcgm())
        .put("gpu", topology.ports().gpu())
        .put("cgroup", topology.ports().cgroup())
        .put("roleMonitor", 0);
    ObjectNode roleMonitor = config.putObject("roleMonitor");
    roleMonitor.put("cmsh", in.cmsh().toString());
    // Targets by address (127.0.8.x): the node names exist only in Slurm and the simulator, not in DNS.
    roleMonitor.put("address", "ip");
    // The stub is not in the library dirs the preflight searches; it is named by paths.nvmlLibrary instead.
    config.putObject("preflight").put("nvml", "skip");
    return config.toPrettyString() + "\n";
  }
}
