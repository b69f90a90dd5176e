package io.dgxmon.rolemonitor.check;

import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.Device;
import io.dgxmon.rolemonitor.targets.NodeRoles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The machine-readable half of a capture ({@code expected.json} beside {@code answer.txt}): what the
 * monitor made of the answer for the watched {@code roles} and {@code nodeTypes}. Replaying a capture
 * means parsing its answer again and comparing with this. Pure.
 *
 * @param targets hostname → watched role → what granted it ({@code node}, {@code category c}, {@code overlay o})
 * @param untargeted nodes of the watched types without a watched role
 */
public record CaptureExpectation(
    String clusterManager,
    Set<String> roles,
    Set<String> nodeTypes,
    Map<String, Integer> devicesByType,
    Map<String, Map<String, List<String>>> targets,
    List<String> untargeted) {

  public static CaptureExpectation of(ClusterSnapshot snapshot, List<NodeRoles> nodes, Set<String> roles,
      Set<String> nodeTypes) {
    Map<String, Integer> devicesByType = new TreeMap<>();
    for (Device device : snapshot.devices()) {
      devicesByType.merge(device.type(), 1, Integer::sum);
    }
    Map<String, Map<String, List<String>>> targets = new TreeMap<>();
    List<String> untargeted = new ArrayList<>();
    for (NodeRoles node : nodes) {
      Map<String, List<String>> watched = new TreeMap<>(node.grantedBy());
      watched.keySet().retainAll(roles);
      if (watched.isEmpty()) {
        untargeted.add(node.device().hostname());
      } else {
        targets.put(node.device().hostname(), watched);
      }
    }
    Collections.sort(untargeted);
    return new CaptureExpectation(snapshot.version().clusterManager(), new TreeSet<>(roles),
        new TreeSet<>(nodeTypes), devicesByType, targets, untargeted);
  }
}
