package io.dgxmon.e2e.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of an end-to-end stack: the head node, the Slurm nodes (name and loopback address, in order) and the
 * exporter ports, which like on a real cluster are the same on every node (each node has its own address).
 */
public record Topology(String headName, String headAddress, Map<String, String> nodeAddresses, Ports ports) {
  /** The exporter's three listener ports. */
  public record Ports(int dcgm, int gpu, int cgroup) {}

  public Topology {
    nodeAddresses = Collections.unmodifiableMap(new LinkedHashMap<>(nodeAddresses));
  }

  public List<String> nodes() {
    return List.copyOf(nodeAddresses.keySet());
  }

  public String address(String node) {
    String address = nodeAddresses.get(node);
    if (address == null) {
      throw new IllegalArgumentException("no node " + node + " in " + nodes());
    }
    return address;
  }

  /** "address:port" of each listener of {@code node}, in the order dcgm, gpu, cgroup. */
  public List<String> exporterEndpoints(String node) {
    String a = address(node);
    return List.of(a + ":" + ports.dcgm, a + ":" + ports.gpu, a + ":" + ports.cgroup);
  }

  /** Every address sshd must serve: the head node first, then the nodes. */
  public Map<String, String> sshHosts() {
    Map<String, String> hosts = new LinkedHashMap<>();
    hosts.put(headAddress, headName);
    nodeAddresses.forEach((name, address) -> hosts.put(address, name));
    return hosts;
  }
}
