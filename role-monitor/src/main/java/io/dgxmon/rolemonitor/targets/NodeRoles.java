package io.dgxmon.rolemonitor.targets;

import io.dgxmon.rolemonitor.cmsh.Device;
import java.util.Set;

/** A node and its effective (lower-case) role names. */
public record NodeRoles(Device device, Set<String> roles) {
  public NodeRoles {
    roles = Set.copyOf(roles);
  }
}
