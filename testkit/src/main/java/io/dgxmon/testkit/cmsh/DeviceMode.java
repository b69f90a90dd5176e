package io.dgxmon.testkit.cmsh;

import io.dgxmon.testkit.cmsh.ClusterState.Node;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** {@code device} mode: list, status, get/set, foreach selections, roles, grabimage, imageupdate. */
final class DeviceMode implements Mode {
  static final Map<String, ListFormat.Field<Node>> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("type", new ListFormat.Field<>(n -> n.type, 22, 22));
    FIELDS.put("hostname", new ListFormat.Field<>(n -> n.hostname, 16, 32));
    FIELDS.put("mac", new ListFormat.Field<>(n -> n.mac, 18, 18));
    FIELDS.put("category", new ListFormat.Field<>(n -> n.category, 16, 32));
    FIELDS.put("ip", new ListFormat.Field<>(n -> n.ip, 15, 15));
    FIELDS.put("network", new ListFormat.Field<>(n -> n.network, 14, 32));
    FIELDS.put("status", new ListFormat.Field<>(StatusText::listCell, 16, 32));
    FIELDS.put("softwareimage", new ListFormat.Field<>(n -> n.softwareimage, 16, 32));
    FIELDS.put("rack", new ListFormat.Field<>(n -> n.rack, 16, 32));
  }

  private static final List<String> DEFAULT_FIELDS =
      List.of("type", "hostname", "mac", "category", "ip", "network", "status");
  private static final List<Table.Column> BCM10 = List.of(Table.Column.fixed("Type", 22),
      Table.Column.range("Hostname (key)", 16, 32), Table.Column.fixed("MAC", 18),
      Table.Column.range("Category", 16, 32), Table.Column.fixed("Ip", 15),
      Table.Column.range("Network", 14, 32), Table.Column.range("Status", 16, 32));
  private static final List<Table.Column> BCM11 = List.of(Table.Column.fixed("Type", 16),
      Table.Column.range("Hostname (key)", 16, 32), Table.Column.fixed("MAC", 18),
      Table.Column.fixed("Category", 16), Table.Column.fixed("IP", 16),
      Table.Column.range("Network", 16, 32), Table.Column.fixed("Status", 32));
  private static final Comparator<Node> ORDER =
      Comparator.comparing((Node n) -> n.type).thenComparing(n -> n.hostname);

  @Override
  public String name() {
    return "device";
  }

  @Override
  public List<String> objects(ClusterState state) {
    return sorted(state.nodes).stream().map(n -> n.hostname).toList();
  }

  @Override
  public List<String> select(ClusterState state, CommandOptions options) {
    return filter(state, options).stream().map(n -> n.hostname).toList();
  }

  @Override
  public List<String> roles(ClusterState state, String object) {
    return node(state, object).roles;
  }

  @Override
  public List<String> roleRows(ClusterState state, String object) {
    return RoleView.listed(state, node(state, object));
  }

  @Override
  public boolean run(CmshSession session, String command, List<String> args) {
    ClusterState state = session.state();
    switch (command) {
      case "list" -> session.print(list(state, new CommandOptions(args)));
      case "status" -> session.print(StatusText.statusLines(statusTargets(session, args)));
      case "get" -> session.print(get(node(state, session.requireObject("get")), one(args, "get")));
      case "set" -> set(state, node(state, session.requireObject("set")), args);
      case "grabimage", "imageupdate" -> new ImageActions(session).run(command, new CommandOptions(args));
      default -> {
        return false;
      }
    }
    return true;
  }

  private String list(ClusterState state, CommandOptions options) {
    ListFormat<Node> format = options.get("format")
        .map(f -> ListFormat.parse(f, "hostname", FIELDS))
        .orElseGet(() -> ListFormat.of(state.profile.equals("bcm11") ? BCM11 : BCM10, DEFAULT_FIELDS, FIELDS));
    return format.render(filter(state, options), options.get("delimiter").orElse(null));
  }

  private List<Node> statusTargets(CmshSession session, List<String> args) {
    CommandOptions options = new CommandOptions(args);
    if (args.isEmpty() && session.object() != null) {
      return List.of(node(session.state(), session.object()));
    }
    return filter(session.state(), options);
  }

  static List<Node> filter(ClusterState state, CommandOptions options) {
    Predicate<Node> keep = n -> true;
    keep = keep.and(matches(options, "type", n -> n.type));
    keep = keep.and(matches(options, "rack", n -> n.rack));
    keep = keep.and(matches(options, "category", n -> n.category));
    keep = keep.and(matches(options, "status", n -> n.status));
    if (options.has("role")) {
      List<String> withRole = RoleView.nodesWithRole(state, options.get("role").orElseThrow());
      keep = keep.and(n -> withRole.contains(n.hostname));
    }
    List<String> names = options.positional().stream()
        .flatMap(p -> NodeListSyntax.expand(p).stream()).toList();
    List<String> listed = options.get("nodes").map(NodeListSyntax::expand).orElse(null);
    keep = keep.and(n -> (names.isEmpty() || names.contains(n.hostname))
        && (listed == null || listed.contains(n.hostname)));
    return sorted(state.nodes.stream().filter(keep).toList());
  }

  private static Predicate<Node> matches(CommandOptions options, String option, java.util.function.Function<Node, String> value) {
    return options.get(option).<Predicate<Node>>map(want -> n -> value.apply(n).equalsIgnoreCase(want))
        .orElse(n -> true);
  }

  private static List<Node> sorted(List<Node> nodes) {
    return nodes.stream().sorted(ORDER).toList();
  }

  static Node node(ClusterState state, String hostname) {
    return state.node(hostname).orElseThrow(() -> new CmshError("Unknown object: " + hostname + " (no such device)"));
  }

  private static String get(Node node, String property) {
    return switch (property) {
      case "status" -> StatusText.listCell(node);
      case "hostname", "ip", "mac", "category", "softwareimage", "type", "network", "rack" ->
          FIELDS.get(property).value().apply(node);
      default -> throw new CmshError("get: unknown property " + property);
    };
  }

  private static void set(ClusterState state, Node node, List<String> args) {
    if (args.size() != 2) {
      throw new CmshError("set: expected a property and a value");
    }
    String value = args.get(1);
    switch (args.get(0)) {
      case "hostname" -> node.hostname = value;
      case "ip" -> node.ip = value;
      case "mac" -> node.mac = value;
      case "rack" -> node.rack = value;
      case "network" -> node.network = value;
      case "category" -> node.category = state.category(value)
          .orElseThrow(() -> new CmshError("set: no category " + value)).name;
      case "softwareimage" -> node.softwareimage = SoftwareImageMode.require(state, value);
      default -> throw new CmshError("set: unknown property " + args.get(0));
    }
  }

  static String one(List<String> args, String command) {
    if (args.size() != 1) {
      throw new CmshError(command + ": expected one argument");
    }
    return args.get(0);
  }
}
