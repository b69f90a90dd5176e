package io.dgxmon.rolemonitor.cmsh;

import java.util.Set;

/** A configuration overlay: roles given to listed nodes, to members of categories, and maybe every head node. */
public record Overlay(String name, boolean allHeadNodes, Set<String> nodes, Set<String> categories, Set<String> roles) {
  public Overlay {
    nodes = Set.copyOf(nodes);
    categories = Set.copyOf(categories);
    roles = Set.copyOf(roles);
  }
}
