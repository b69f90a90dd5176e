package io.dgxmon.rolemonitor.cmsh;

import java.util.Set;

/**
 * A configuration overlay: roles given to listed nodes, to members of categories, and maybe every head
 * node, unless its priority is {@value #DISABLED_PRIORITY}, which disables it.
 */
public record Overlay(String name, int priority, boolean allHeadNodes, Set<String> nodes, Set<String> categories,
    Set<String> roles) {
  public static final int DISABLED_PRIORITY = -1;

  public Overlay {
    nodes = Set.copyOf(nodes);
    categories = Set.copyOf(categories);
    roles = Set.copyOf(roles);
  }

  public boolean enabled() {
    return priority != DISABLED_PRIORITY;
  }
}
