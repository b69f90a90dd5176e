package io.dgxmon.testkit.cmsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One run of the fake cmsh: the mode/object stack, uncommitted edits, and the commands every mode
 * shares ({@code use}, {@code ..}, {@code home}, {@code foreach}, {@code roles}, {@code commit}, ...).
 */
final class CmshSession {
  private static final Map<String, Mode> MODES = Stream.of(
          new DeviceMode(), new CategoryMode(), new OverlayMode(), new WlmMode(), new SoftwareImageMode())
      .collect(Collectors.toMap(Mode::name, Function.identity()));
  private static final Map<String, String> ALIASES = Map.of("ds", "device status", "ls", "list");

  /** Where the session stands: a mode, maybe an object in it, maybe that object's roles submode. */
  private record Context(Mode mode, String object, boolean roles) {}

  private ClusterState committed;
  private ClusterState working;
  private final boolean quitOnError;
  private final StringBuilder out = new StringBuilder();
  private Context context = new Context(null, null, false);
  private boolean committedChanged;
  private boolean stopped;
  private int exitCode;

  CmshSession(ClusterState state, boolean quitOnError) {
    this.committed = state;
    this.working = state.copy();
    this.quitOnError = quitOnError;
  }

  /** Runs one input line (statements separated by {@code ;}). */
  void runLine(String line) {
    List<String> statements = CmshScript.statements(line);
    int i = 0;
    while (i < statements.size() && !stopped) {
      String statement = statements.get(i++);
      try {
        if (statement.startsWith("!")) {
          i += ShellEscape.run(this, working.variants.shellEscape(), statements, i - 1) - 1;
          stopped |= working.variants.shellEscape() == CmshVariants.ShellEscape.REST_OF_SCRIPT_TO_SHELL;
          continue;
        }
        execute(CmshScript.tokens(statement));
      } catch (CmshError e) {
        print(e.getMessage());
        if (quitOnError) {
          stopped = true;
          exitCode = 1;
        }
      }
    }
  }

  private void execute(List<String> tokens) {
    if (tokens.isEmpty()) {
      return;
    }
    String first = tokens.get(0);
    if (ALIASES.containsKey(first)) {
      List<String> expanded = new ArrayList<>(List.of(ALIASES.get(first).split(" ")));
      expanded.addAll(tokens.subList(1, tokens.size()));
      execute(expanded);
    } else if (MODES.containsKey(first) || first.equals("main")) {
      enterMode(first, tokens.subList(1, tokens.size()));
    } else if (!common(first, tokens.subList(1, tokens.size()))) {
      Mode mode = requireMode(first);
      if (!mode.run(this, first, tokens.subList(1, tokens.size()))) {
        throw new CmshError("Unknown command: " + first);
      }
    }
  }

  /** {@code device} enters the mode; {@code device status x} runs one command there and, unless it moved, returns. */
  private void enterMode(String name, List<String> rest) {
    Context before = context;
    context = new Context(MODES.get(name), null, false);
    if (!rest.isEmpty()) {
      execute(rest);
      if (!rest.get(0).equals("use") && !rest.get(0).equals("roles")) {
        context = before;
      }
    }
  }

  private boolean common(String command, List<String> args) {
    switch (command) {
      case "home", "exit", "quit" -> {
        context = new Context(null, null, false);
        stopped |= !command.equals("home");
      }
      case ".." -> context = context.roles() ? new Context(context.mode(), context.object(), false)
          : new Context(context.mode(), null, false);
      case "commit" -> commit();
      case "refresh" -> working = committed.copy();
      case "showprofile" -> print("admin");
      case "versioninfo" -> {
        if (context.mode() != null) {
          throw new CmshError("Unknown command: versioninfo (a main mode command)");
        }
        print(VersionInfo.text(working));
      }
      case "use" -> use(args);
      case "foreach" -> foreach(args);
      case "roles" -> enterRoles(args.isEmpty() ? null : args.get(0));
      default -> {
        return context.roles() && rolesCommand(command, args);
      }
    }
    return true;
  }

  private void use(List<String> args) {
    if (args.size() != 1) {
      throw new CmshError("use: expected one object name");
    }
    Mode mode = requireMode("use");
    if (context.roles()) {
      throw new CmshError("use: roles submode objects are not simulated");
    }
    if (!mode.objects(working).contains(args.get(0))) {
      throw new CmshError("Unknown object: " + args.get(0) + " (no such " + mode.name() + ")");
    }
    context = new Context(mode, args.get(0), false);
  }

  /** {@code roles} enters the object's roles submode; {@code roles <name>} selects the object first. */
  void enterRoles(String object) {
    Mode mode = requireMode("roles");
    if (object != null) {
      use(List.of(object));
    }
    requireObject("roles");
    if (mode.roles(working, context.object()) == null) {
      throw new CmshError("roles: " + mode.name() + " objects have no roles");
    }
    context = new Context(mode, context.object(), true);
  }

  private boolean rolesCommand(String command, List<String> args) {
    Mode mode = context.mode();
    List<String> assigned = mode.roles(working, context.object());
    switch (command) {
      case "list" -> listRoles(mode.roleRows(working, context.object()));
      case "assign" -> args.forEach(r -> { if (!assigned.contains(r)) { assigned.add(r); } });
      case "unassign" -> args.forEach(r -> {
        if (!assigned.remove(r)) {
          throw new CmshError("unassign: role " + r + " is not assigned");
        }
      });
      default -> {
        return false;
      }
    }
    return true;
  }

  private void listRoles(List<String> rows) {
    if (!rows.isEmpty() || working.variants.emptyRoleList() == CmshVariants.EmptyRoleList.HEADER_ONLY) {
      print(new Table(List.of(Table.Column.fit("Name (key)", 30))).addAll(rows).render(null));
    }
  }

  private void foreach(List<String> args) {
    if (args.isEmpty() || !args.get(args.size() - 1).startsWith("(")) {
      throw new CmshError("foreach: expected (commands) at the end");
    }
    Mode mode = requireMode("foreach");
    String body = args.get(args.size() - 1);
    body = body.substring(1, body.endsWith(")") ? body.length() - 1 : body.length());
    List<String> selectors = args.subList(0, args.size() - 1);
    List<String> objects = selectors.equals(List.of("*")) ? mode.objects(working)
        : selectors.stream().allMatch(s -> !s.startsWith("-"))
            ? selectors.stream().flatMap(s -> NodeListSyntax.expand(s).stream()).toList()
            : mode.select(working, new CommandOptions(selectors));
    Context before = context;
    java.util.Set<String> known = new java.util.HashSet<>(mode.objects(working));
    for (String object : objects) {
      if (!known.contains(object)) {
        throw new CmshError("Unknown object: " + object + " (no such " + mode.name() + ")");
      }
      context = new Context(mode, object, false);
      runLine(body);
    }
    context = before;
  }

  private void commit() {
    committed = working.copy();
    committedChanged = true;
  }

  /** Applies an action that takes effect at once, without commit (grabimage -w). */
  void applyNow(java.util.function.Consumer<ClusterState> action) {
    action.accept(working);
    action.accept(committed);
    committedChanged = true;
  }

  private Mode requireMode(String command) {
    if (context.mode() == null) {
      throw new CmshError("Unknown command: " + command);
    }
    return context.mode();
  }

  String requireObject(String command) {
    if (context.object() == null) {
      throw new CmshError(command + ": no " + context.mode().name() + " selected, use one first");
    }
    return context.object();
  }

  String object() {
    return context.object();
  }

  ClusterState state() {
    return working;
  }

  void print(String text) {
    out.append(text);
    if (!text.endsWith("\n")) {
      out.append('\n');
    }
  }

  String output() {
    return out.toString();
  }

  int exitCode() {
    return exitCode;
  }

  boolean stopped() {
    return stopped;
  }

  /** The committed state when a commit or an immediate action changed it, else null. */
  ClusterState changedState() {
    return committedChanged ? committed : null;
  }
}
