package io.dgxmon.rolemonitor.check;

import io.dgxmon.rolemonitor.cmsh.ClusterSnapshot;
import io.dgxmon.rolemonitor.cmsh.Overlay;
import io.dgxmon.rolemonitor.cmsh.RoleListing;
import io.dgxmon.rolemonitor.targets.NodeRoles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@code --check} reports about cmsh for an answer that parsed: each assumption of
 * docs/reference/cmsh.md ("What --check verifies") with what this answer showed. Pure.
 */
final class Assumptions {
  private Assumptions() {}

  static List<Assumption> of(int exitStatus, ClusterSnapshot snapshot, List<NodeRoles> nodes) {
    List<Assumption> out = new ArrayList<>();
    out.add(new Assumption("under -q, exit status 0 means every command of the script ran", exitStatus == 0,
        "exit status " + exitStatus));
    out.add(new Assumption("device; list -f ...:0 -d {} prints one JSON array of uncut values", true,
        snapshot.devices().size() + " devices, " + snapshot.warnings().size() + " skipped"));
    out.add(new Assumption("foreach -t <type> (get hostname; roles; list) prints each node's name, then its roles list",
        true, snapshot.nodeRoles().size() + " blocks for " + nodes.size() + " nodes of the watched types"));
    out.add(new Assumption("category; list -f name:0 -d {} lists every category and foreach * gives each a block",
        true, snapshot.categoryRoles().size() + " categories " + new TreeSet<>(snapshot.categoryRoles().keySet())));
    out.add(emptyLists(snapshot));
    out.add(inheritedRows(snapshot, nodes));
    out.add(overlays(snapshot.overlays()));
    out.add(new Assumption("main; versioninfo answers last with a version number", true,
        "Cluster Manager " + snapshot.version().clusterManager()));
    out.add(new Assumption("the script uses no ! shell escape (undocumented inside -c)", true, "none used"));
    return out;
  }

  private static Assumption emptyLists(ClusterSnapshot snapshot) {
    Map<RoleListing.Form, Long> forms = new TreeMap<>();
    List<RoleListing> all = new ArrayList<>(snapshot.nodeRoles().values());
    all.addAll(snapshot.categoryRoles().values());
    all.forEach(l -> forms.merge(l.form(), 1L, Long::sum));
    return new Assumption("an empty roles list prints the header alone or nothing (both read as no roles)", true,
        "lists with rows " + forms.getOrDefault(RoleListing.Form.ROWS, 0L) + ", header only "
            + forms.getOrDefault(RoleListing.Form.HEADER_ONLY, 0L) + ", nothing "
            + forms.getOrDefault(RoleListing.Form.NOTHING, 0L));
  }

  /** cmsh's own view (own + prefixed rows) against our union, for nodes whose list shows prefixed rows. */
  private static Assumption inheritedRows(ClusterSnapshot snapshot, List<NodeRoles> nodes) {
    int shown = 0;
    List<String> differing = new ArrayList<>();
    for (NodeRoles node : nodes) {
      RoleListing listing = snapshot.nodeRoles().get(node.device().hostname());
      if (listing == null || listing.inherited().isEmpty()) {
        continue;
      }
      shown++;
      Set<String> cmshView = new TreeSet<>(listing.direct());
      listing.inherited().forEach(row -> cmshView.add(row.substring(row.indexOf(' ') + 1)));
      if (!cmshView.equals(new TreeSet<>(node.roles()))) {
        differing.add(node.device().hostname() + " (cmsh " + cmshView + ", union " + new TreeSet<>(node.roles()) + ")");
      }
    }
    String seen = shown == 0 ? "no node list shows inherited rows; the union supplies them"
        : "inherited rows on " + shown + " of " + nodes.size() + " nodes; " + (differing.isEmpty()
            ? "all agree with the union" : differing.size() + " differ: " + first(differing, 5));
    return new Assumption("effective roles = own rows ∪ category ∪ enabled overlays (prefixed rows only compared)",
        differing.isEmpty(), seen);
  }

  private static Assumption overlays(Collection<Overlay> overlays) {
    List<String> disabled = overlays.stream().filter(o -> !o.enabled()).map(Overlay::name).sorted().toList();
    return new Assumption("configurationoverlay; list -f name,priority,... -d {}: priority -1 means disabled", true,
        overlays.size() + " overlays, " + disabled.size() + " disabled" + (disabled.isEmpty() ? "" : " " + disabled));
  }

  static String first(List<String> items, int max) {
    return items.stream().limit(max).collect(Collectors.joining(", "))
        + (items.size() > max ? " and " + (items.size() - max) + " more" : "");
  }
}
