package io.dgxmon.testkit.cmsh;

import java.util.List;
import java.util.Map;

/** {@code wlm} mode: list, and get/set of a WLM instance's properties (prolog, epilog, ...). */
final class WlmMode implements Mode {
  @Override
  public String name() {
    return "wlm";
  }

  @Override
  public List<String> objects(ClusterState state) {
    return state.wlm.keySet().stream().sorted().toList();
  }

  @Override
  public boolean run(CmshSession session, String command, List<String> args) {
    ClusterState state = session.state();
    switch (command) {
      case "list" -> list(session, state, new CommandOptions(args));
      case "get" -> {
        Map<String, String> wlm = state.wlm.get(session.requireObject("get"));
        String property = DeviceMode.one(args, "get").toLowerCase();
        if (!wlm.containsKey(property)) {
          throw new CmshError("get: unknown property " + property);
        }
        session.print(wlm.get(property));
      }
      case "set" -> {
        Map<String, String> wlm = state.wlm.get(session.requireObject("set"));
        if (args.isEmpty()) {
          throw new CmshError("set: expected a property");
        }
        wlm.put(args.get(0).toLowerCase(), String.join(" ", args.subList(1, args.size())));
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private void list(CmshSession session, ClusterState state, CommandOptions options) {
    Table table = new Table(List.of(Table.Column.range("Type", 6, 16), Table.Column.range("Name (key)", 16, 32),
        Table.Column.range("Server nodes", 16, 32), Table.Column.range("Submit nodes", 16, 32),
        Table.Column.range("Client nodes", 16, 32)));
    for (String name : objects(state)) {
      table.add(List.of(state.wlm.get(name).getOrDefault("type", "Slurm"), name,
          NodeListSyntax.compress(RoleView.nodesWithRole(state, "slurmserver")),
          NodeListSyntax.compress(RoleView.nodesWithRole(state, "slurmsubmit")),
          NodeListSyntax.compress(RoleView.nodesWithRole(state, "slurmclient"))));
    }
    session.print(table.render(options.get("delimiter").orElse(null)));
  }
}
