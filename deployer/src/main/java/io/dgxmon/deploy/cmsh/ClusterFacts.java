package io.dgxmon.deploy.cmsh;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the wizard learned from cmsh on a BCM head node: WLM cluster names, the head node, and the nodes that carry
 * the Slurm client role with their categories and software images.
 */
public record ClusterFacts(List<String> wlmClusters, String headNode, List<SlurmClient> slurmClients) {

  /** A node with the Slurm client role; category and image may be empty. */
  public record SlurmClient(String hostname, String category, String softwareImage) {}

  /** Categories whose Slurm client nodes all use one software image, with that image (image mode fits them). */
  public Map<String, String> sharedImageByCategory() {
    Map<String, TreeSet<String>> images = new TreeMap<>();
    for (SlurmClient n : slurmClients) {
      if (!n.category().isEmpty()) {
        images.computeIfAbsent(n.category(), c -> new TreeSet<>()).add(n.softwareImage());
      }
    }
    Map<String, String> shared = new TreeMap<>();
    images.forEach((category, set) -> {
      if (set.size() == 1 && !set.first().isEmpty()) {
        shared.put(category, set.first());
      }
    });
    return shared;
  }

  /** The Slurm client nodes' names, in order. */
  public List<String> slurmClientNames() {
    return slurmClients.stream().map(SlurmClient::hostname).toList();
  }
}
