package io.dgxmon.testkit.cmsh;

import java.util.List;

/** {@code softwareimage} mode: list, use/get, clone, {@code updateprovisioners}, {@code provisioningstatus}. */
final class SoftwareImageMode implements Mode {
  @Override
  public String name() {
    return "softwareimage";
  }

  @Override
  public List<String> objects(ClusterState state) {
    return state.softwareImages.stream().sorted().toList();
  }

  @Override
  public boolean run(CmshSession session, String command, List<String> args) {
    ClusterState state = session.state();
    switch (command) {
      case "list" -> {
        Table table = new Table(List.of(Table.Column.range("Name (key)", 16, 32), Table.Column.range("Path", 16, 48)));
        objects(state).forEach(i -> table.add(List.of(i, "/cm/images/" + i)));
        session.print(table.render(new CommandOptions(args).get("delimiter").orElse(null)));
      }
      case "get" -> {
        String image = session.requireObject("get");
        String property = DeviceMode.one(args, "get");
        session.print(switch (property) {
          case "name" -> image;
          case "path" -> "/cm/images/" + image;
          default -> throw new CmshError("get: unknown property " + property);
        });
      }
      case "clone" -> {
        if (args.size() != 2) {
          throw new CmshError("clone: expected source and new name");
        }
        require(state, args.get(0));
        if (state.softwareImages.contains(args.get(1))) {
          throw new CmshError("clone: softwareimage " + args.get(1) + " already exists");
        }
        state.softwareImages.add(args.get(1));
      }
      case Provisioning.UPDATE_PROVISIONERS -> Provisioning.start(session, Provisioning.UPDATE_PROVISIONERS, List.of());
      case "provisioningstatus" -> session.print(Provisioning.status(state, System.currentTimeMillis()));
      default -> {
        return false;
      }
    }
    return true;
  }

  static String require(ClusterState state, String image) {
    if (!state.softwareImages.contains(image)) {
      throw new CmshError("Unknown object: " + image + " (no such softwareimage)");
    }
    return image;
  }
}
