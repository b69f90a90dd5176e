package io.dgxmon.testkit.cmsh;

import io.dgxmon.testkit.cmsh.ClusterState.Category;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code category} mode: list, get/set, clone, roles. */
final class CategoryMode implements Mode {
  /** Fields {@code list -f} accepts (widths when none is given are a guess). */
  static final Map<String, ListFormat.Field<Category>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("name", new ListFormat.Field<>(c -> c.name, 16, 32));
    FIELDS.put("softwareimage", new ListFormat.Field<>(c -> c.softwareimage, 16, 32));
  }

  @Override
  public String name() {
    return "category";
  }

  @Override
  public List<String> objects(ClusterState state) {
    return state.categories.stream().map(c -> c.name).sorted().toList();
  }

  @Override
  public List<String> roles(ClusterState state, String object) {
    return category(state, object).roles;
  }

  @Override
  public boolean run(CmshSession session, String command, List<String> args) {
    ClusterState state = session.state();
    switch (command) {
      case "list" -> list(session, state, new CommandOptions(args));
      case "get" -> {
        Category c = category(state, session.requireObject("get"));
        String property = DeviceMode.one(args, "get");
        session.print(switch (property) {
          case "name" -> c.name;
          case "softwareimage" -> c.softwareimage;
          default -> throw new CmshError("get: unknown property " + property);
        });
      }
      case "set" -> {
        Category c = category(state, session.requireObject("set"));
        if (args.size() != 2 || !args.get(0).equals("softwareimage")) {
          throw new CmshError("set: only 'set softwareimage <image>' is simulated for categories");
        }
        c.softwareimage = SoftwareImageMode.require(state, args.get(1));
      }
      case "clone" -> clone(state, args);
      default -> {
        return false;
      }
    }
    return true;
  }

  private void list(CmshSession session, ClusterState state, CommandOptions options) {
    if (options.has("format")) {
      ListFormat<Category> format = ListFormat.parse(options.get("format").orElseThrow(), "name", FIELDS);
      List<Category> categories = objects(state).stream().map(n -> category(state, n)).toList();
      session.print(format.render(categories, options.get("delimiter").orElse(null)));
      return;
    }
    Table table = new Table(List.of(Table.Column.range("Name (key)", 16, 32),
        Table.Column.range("Software image", 16, 32), Table.Column.fixed("Nodes", 6)));
    for (String name : objects(state)) {
      long members = state.nodes.stream().filter(n -> n.category.equals(name)).count();
      table.add(List.of(name, category(state, name).softwareimage, Long.toString(members)));
    }
    session.print(table.render(options.get("delimiter").orElse(null)));
  }

  private void clone(ClusterState state, List<String> args) {
    if (args.size() != 2) {
      throw new CmshError("clone: expected source and new name");
    }
    Category source = category(state, args.get(0));
    if (state.category(args.get(1)).isPresent()) {
      throw new CmshError("clone: category " + args.get(1) + " already exists");
    }
    Category copy = Category.of(args.get(1));
    copy.softwareimage = source.softwareimage;
    copy.roles = new ArrayList<>(source.roles);
    state.categories.add(copy);
  }

  private static Category category(ClusterState state, String name) {
    return state.category(name).orElseThrow(() -> new CmshError("Unknown object: " + name + " (no such category)"));
  }
}
