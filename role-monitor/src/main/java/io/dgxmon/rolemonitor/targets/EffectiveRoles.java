package io.dgxmon.rolemonitor.targets;

import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.cmsh.Device;
import io.dgxmon.rolemonitor.cmsh.Overlay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Effective roles as BCM defines them (docs/reference/cmsh.md §1.6): the node's own roles ∪ its category's
 * ∪ those of every configuration overlay that lists the node, lists its category, or covers all head
 * nodes when it is one. Also correct when cmsh's per-node list already shows inherited rows.
 */
public final class EffectiveRoles {
  private EffectiveRoles() {}

  /** Nodes of {@code nodeTypes} (lower case) with their effective roles, in listing order. */
  public static List<NodeRoles> compute(ClusterSnapshot snapshot, Set<String> nodeTypes) throws CmshParseException {
    List<NodeRoles> nodes = new ArrayList<>();
    for (Device device : snapshot.devices()) {
      if (!nodeTypes.contains(device.type().toLowerCase(Locale.ROOT))) {
        continue;
      }
      Set<String> own = snapshot.nodeRoles().get(device.hostname());
      if (own == null) {
        // Listed as a device but no roles block: the answer is inconsistent, so trust none of it.
        throw new CmshParseException("no roles listed for " + device.type() + " " + device.hostname());
      }
      Set<String> roles = new HashSet<>(own);
      if (!device.category().isEmpty()) {
        Set<String> categoryRoles = snapshot.categoryRoles().get(device.category());
        if (categoryRoles == null) {
          throw new CmshParseException("no roles listed for category " + device.category() + " of " + device.hostname());
        }
        roles.addAll(categoryRoles);
      }
      for (Overlay overlay : snapshot.overlays()) {
        if (covers(overlay, device)) {
          roles.addAll(overlay.roles());
        }
      }
      nodes.add(new NodeRoles(device, roles));
    }
    return nodes;
  }

  static boolean covers(Overlay overlay, Device device) {
    return overlay.nodes().contains(device.hostname())
        || !device.category().isEmpty() && overlay.categories().contains(device.category())
        || overlay.allHeadNodes() && device.type().equalsIgnoreCase("HeadNode");
  }
}
