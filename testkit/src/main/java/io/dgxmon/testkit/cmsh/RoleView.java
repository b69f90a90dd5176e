package io.dgxmon.testkit.cmsh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The roles cmsh shows for a node: its own roles, then {@code [category:c]} roles, then
 * {@code [overlay:o]} roles of every overlay covering it; a node role hides inherited ones of the same name.
 */
final class RoleView {
  private RoleView() {}

  /** Rows of {@code device; use n; roles; list}. */
  static List<String> rows(ClusterState state, ClusterState.Node node) {
    Set<String> own = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    own.addAll(node.roles);
    List<String> rows = new ArrayList<>(own);
    state.category(node.category).ifPresent(c -> addInherited(rows, own, "category:" + c.name, c.roles));
    state.overlays.stream().filter(o -> covers(state, o, node))
        .sorted(Comparator.comparing(o -> o.name))
        .forEach(o -> addInherited(rows, own, "overlay:" + o.name, o.roles));
    return rows;
  }

  /** Rows {@code roles; list} prints: all of {@link #rows}, or only the node's own when inherited rows are hidden. */
  static List<String> listed(ClusterState state, ClusterState.Node node) {
    if (state.variants.inheritedRoleRows() == CmshVariants.InheritedRoleRows.HIDDEN) {
      return node.roles.stream().sorted(String.CASE_INSENSITIVE_ORDER).distinct().toList();
    }
    return rows(state, node);
  }

  /** Plain effective role names of a node (what the role monitor must compute). */
  static Set<String> effective(ClusterState state, ClusterState.Node node) {
    Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    for (String row : rows(state, node)) {
      names.add(row.replaceFirst("^\\[[a-z]+:[^\\]]+]\\s+", ""));
    }
    return names;
  }

  private static void addInherited(List<String> rows, Set<String> own, String source, List<String> roles) {
    roles.stream().filter(r -> !own.contains(r)).sorted().forEach(r -> rows.add("[" + source + "] " + r));
  }

  /** Whether {@code overlay} gives its roles to {@code node}; a disabled overlay covers nothing. */
  static boolean covers(ClusterState state, ClusterState.Overlay overlay, ClusterState.Node node) {
    if (overlay.priority == ClusterState.Overlay.DISABLED) {
      return false;
    }
    // Plain names first: expanding every entry for every node makes 10,000-node listings crawl.
    boolean byNode = overlay.nodes.contains(node.hostname) || overlay.nodes.stream()
        .filter(n -> n.contains("..") || n.contains("[") || n.contains(","))
        .flatMap(n -> NodeListSyntax.expand(n).stream()).anyMatch(node.hostname::equals);
    boolean byCategory = !node.category.isEmpty() && overlay.categories.contains(node.category);
    boolean byHead = overlay.allheadnodes && node.type.equalsIgnoreCase("HeadNode");
    return byNode || byCategory || byHead;
  }

  /** Hostnames whose effective roles contain {@code role} (for {@code wlm list} and {@code foreach -l}). */
  static List<String> nodesWithRole(ClusterState state, String role) {
    return state.nodes.stream().filter(n -> effective(state, n).contains(role)).map(n -> n.hostname).toList();
  }
}
