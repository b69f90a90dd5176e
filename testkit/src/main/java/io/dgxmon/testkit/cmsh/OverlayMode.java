package io.dgxmon.testkit.cmsh;

import io.dgxmon.testkit.cmsh.ClusterState.Overlay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code configurationoverlay} mode: list (widths 20,10,14,16,16,15), get/set/append/removefrom, show, roles. */
final class OverlayMode implements Mode {
  static final Map<String, ListFormat.Field<Overlay>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("name", new ListFormat.Field<>(o -> o.name, 20, 20));
    FIELDS.put("priority", new ListFormat.Field<>(o -> Integer.toString(o.priority), 10, 10));
    FIELDS.put("allheadnodes", new ListFormat.Field<>(o -> o.allheadnodes ? "yes" : "no", 14, 14));
    FIELDS.put("nodes", new ListFormat.Field<>(o -> NodeListSyntax.compress(o.nodes), 16, 16));
    FIELDS.put("categories", new ListFormat.Field<>(o -> String.join(",", o.categories), 16, 16));
    FIELDS.put("roles", new ListFormat.Field<>(o -> String.join(",", o.roles), 15, 15));
  }

  private static final List<Table.Column> DEFAULT = List.of(Table.Column.fixed("Name (key)", 20),
      Table.Column.fixed("Priority", 10), Table.Column.fixed("All head nodes", 14),
      Table.Column.fixed("Nodes", 16), Table.Column.fixed("Categories", 16), Table.Column.fixed("Roles", 15));

  @Override
  public String name() {
    return "configurationoverlay";
  }

  @Override
  public List<String> objects(ClusterState state) {
    return state.overlays.stream().map(o -> o.name).sorted().toList();
  }

  @Override
  public List<String> roles(ClusterState state, String object) {
    return overlay(state, object).roles;
  }

  @Override
  public boolean run(CmshSession session, String command, List<String> args) {
    ClusterState state = session.state();
    switch (command) {
      case "list" -> {
        CommandOptions options = new CommandOptions(args);
        ListFormat<Overlay> format = options.get("format").map(f -> ListFormat.parse(f, "name", FIELDS))
            .orElseGet(() -> ListFormat.of(DEFAULT, List.copyOf(FIELDS.keySet()), FIELDS));
        List<Overlay> overlays = objects(state).stream().map(n -> overlay(state, n)).toList();
        session.print(format.render(overlays, options.get("delimiter").orElse(null)));
      }
      case "get" -> session.print(get(overlay(state, session.requireObject("get")), DeviceMode.one(args, "get")));
      case "show" -> session.print(show(overlay(state, session.requireObject("show"))));
      case "set", "append", "removefrom" -> edit(overlay(state, session.requireObject(command)), command, args);
      default -> {
        return false;
      }
    }
    return true;
  }

  private static String get(Overlay o, String property) {
    return switch (property) {
      case "name" -> o.name;
      case "priority" -> Integer.toString(o.priority);
      case "allheadnodes" -> o.allheadnodes ? "yes" : "no";
      case "nodes" -> String.join(" ", o.nodes);
      case "categories" -> String.join(" ", o.categories);
      case "roles" -> String.join(" ", o.roles);
      default -> throw new CmshError("get: unknown property " + property);
    };
  }

  private static String show(Overlay o) {
    Table table = new Table(List.of(Table.Column.fixed("Parameter", 32), Table.Column.fit("Value", 48)));
    table.add(List.of("Name", o.name)).add(List.of("Revision", ""))
        .add(List.of("All head nodes", o.allheadnodes ? "yes" : "no"))
        .add(List.of("Priority", Integer.toString(o.priority)))
        .add(List.of("Nodes", NodeListSyntax.compress(o.nodes)))
        .add(List.of("Categories", String.join(",", o.categories)))
        .add(List.of("Roles", String.join(",", o.roles)))
        .add(List.of("Customizations", "<0 in submode>"));
    return table.render(null);
  }

  private static void edit(Overlay o, String command, List<String> args) {
    if (args.size() < 2) {
      throw new CmshError(command + ": expected a property and a value");
    }
    String property = args.get(0);
    List<String> values = args.subList(1, args.size()).stream()
        .flatMap(v -> NodeListSyntax.expand(v).stream()).toList();
    switch (property) {
      case "priority" -> o.priority = Integer.parseInt(args.get(1));
      case "allheadnodes" -> o.allheadnodes = args.get(1).equalsIgnoreCase("yes");
      case "nodes" -> o.nodes = edited(o.nodes, command, values);
      case "categories" -> o.categories = edited(o.categories, command, values);
      default -> throw new CmshError(command + ": unknown property " + property);
    }
  }

  private static List<String> edited(List<String> current, String command, List<String> values) {
    List<String> result = new ArrayList<>(command.equals("set") ? List.of() : current);
    if (command.equals("removefrom")) {
      result.removeAll(values);
    } else {
      values.stream().filter(v -> !result.contains(v)).forEach(result::add);
    }
    return result;
  }

  private static Overlay overlay(ClusterState state, String name) {
    return state.overlay(name)
        .orElseThrow(() -> new CmshError("Unknown object: " + name + " (no such configurationoverlay)"));
  }
}
