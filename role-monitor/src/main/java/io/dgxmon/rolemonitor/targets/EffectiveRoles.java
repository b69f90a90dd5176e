package io.dgxmon.rolemonitor.targets;

import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import io.dgxmon.rolemonitor.cmsh.Device;
import io.dgxmon.rolemonitor.cmsh.Overlay;
import io.dgxmon.rolemonitor.cmsh.RoleListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Effective roles, computed by us (docs/Role-Monitor.md, "Effective roles"): the roles listed for the
 * node itself (rows without a source prefix) ∪ its category's ∪ those of every enabled configuration
 * overlay (priority ≠ -1) that lists the node, lists its category, or covers all head nodes when it is
 * one. The prefixed rows cmsh may add to a node's list are not used: whether it shows them, and whether
 * it shows them for a disabled overlay, is not documented, and the union gives the same answer either way.
 */
public final class EffectiveRoles {
  private EffectiveRoles() {}

  /** Nodes of {@code nodeTypes} (lower case) with their effective roles, in listing order. */
  public static List<NodeRoles> compute(ClusterSnapshot snapshot, Set<String> nodeTypes) throws CmshParseException {
    List<NodeRoles> nodes = new ArrayList<>();
    for (Device device : snapshot.devices()) {
      if (nodeTypes.contains(device.type().toLowerCase(Locale.ROOT))) {
        nodes.add(new NodeRoles(device, grants(snapshot, device)));
      }
    }
    return nodes;
  }

  private static Map<String, List<String>> grants(ClusterSnapshot snapshot, Device device)
      throws CmshParseException {
    Map<String, List<String>> grants = new TreeMap<>();
    RoleListing own = snapshot.nodeRoles().get(device.hostname());
    if (own == null) {
      // Listed as a device but no roles block: the answer is inconsistent, so trust none of it.
      throw new CmshParseException("no roles listed for " + device.type() + " " + device.hostname());
    }
    grant(grants, own.direct(), "node");
    if (!device.category().isEmpty()) {
      RoleListing category = snapshot.categoryRoles().get(device.category());
      if (category == null) {
        throw new CmshParseException("no roles listed for category " + device.category() + " of " + device.hostname());
      }
      grant(grants, category.direct(), "category " + device.category());
    }
    for (Overlay overlay : snapshot.overlays()) {
      if (overlay.enabled() && covers(overlay, device)) {
        grant(grants, overlay.roles(), "overlay " + overlay.name());
      }
    }
    return grants;
  }

  private static void grant(Map<String, List<String>> grants, Set<String> roles, String source) {
    roles.forEach(r -> grants.computeIfAbsent(r, k -> new ArrayList<>()).add(source));
  }

  static boolean covers(Overlay overlay, Device device) {
    return overlay.nodes().contains(device.hostname())
        || !device.category().isEmpty() && overlay.categories().contains(device.category())
        || overlay.allHeadNodes() && device.type().equalsIgnoreCase("HeadNode");
  }
}
