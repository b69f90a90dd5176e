package io.dgxmon.rolemonitor.targets;

import io.dgxmon.rolemonitor.cmsh.Device;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A node and its effective (lower-case) role names, each with what granted it: {@code node},
 * {@code category <name>} or {@code overlay <name>}.
 */
public record NodeRoles(Device device, Map<String, List<String>> grantedBy) {
  public NodeRoles {
    Map<String, List<String>> copy = new TreeMap<>();
    grantedBy.forEach((role, sources) -> copy.put(role, List.copyOf(sources)));
    grantedBy = java.util.Collections.unmodifiableMap(copy);
  }

  /** A node whose roles are all its own (tests). */
  public NodeRoles(Device device, Set<String> roles) {
    this(device, ownRoles(roles));
  }

  private static Map<String, List<String>> ownRoles(Set<String> roles) {
    Map<String, List<String>> grants = new TreeMap<>();
    roles.forEach(r -> grants.put(r, List.of("node")));
    return grants;
  }

  public Set<String> roles() {
    return grantedBy.keySet();
  }
}
