package io.dgxmon.rolemonitor.cmsh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one cmsh invocation a cycle makes. Sections are separated by {@code !echo} marker lines, so the
 * parser knows where each answer starts and that the answer is complete (the end marker):
 * <ol>
 *   <li>devices: {@code device; list -f type:0,hostname:0,category:0,ip:0,status:0 -d {}} (JSON, uncut values);
 *   <li>node roles: {@code foreach -t <type> (get hostname; roles; list)} per watched node type;
 *   <li>category roles: {@code category; foreach * (get name; roles; list)};
 *   <li>overlays: {@code configurationoverlay; list -f name:0,allheadnodes:0,nodes:0,categories:0,roles:0 -d {}}.
 * </ol>
 */
public final class CmshQuery {
  public static final String MARKER_PREFIX = "@@dgxmon-role-monitor:";
  public static final List<String> SECTIONS = List.of("devices", "node-roles", "category-roles", "overlays", "end");
  static final String ROLE_BLOCK = "(get hostname; roles; list)";

  private CmshQuery() {}

  public static String marker(String section) {
    return MARKER_PREFIX + section + "@@";
  }

  /** The {@code -c} script for nodes of {@code nodeTypes} (lower-case cmsh type names). */
  public static String script(Set<String> nodeTypes) {
    List<String> parts = new ArrayList<>();
    parts.add("!echo " + marker("devices"));
    parts.add("device; list -f type:0,hostname:0,category:0,ip:0,status:0 -d {}");
    parts.add("!echo " + marker("node-roles"));
    nodeTypes.stream().sorted().forEach(t -> parts.add("foreach -t " + t + " " + ROLE_BLOCK));
    parts.add("!echo " + marker("category-roles"));
    parts.add("category; foreach * (get name; roles; list)");
    parts.add("!echo " + marker("overlays"));
    parts.add("configurationoverlay; list -f name:0,allheadnodes:0,nodes:0,categories:0,roles:0 -d {}");
    parts.add("!echo " + marker("end"));
    return String.join("; ", parts);
  }

  /**
   * The full command line: the configured cmsh command plus {@code --color=no -q -c <script>}. When the
   * command is {@code ssh ...}, the remote shell re-splits arguments, so they are single-quoted.
   */
  public static List<String> commandLine(List<String> cmsh, Set<String> nodeTypes) {
    List<String> args = List.of("--color=no", "-q", "-c", script(nodeTypes));
    boolean viaSsh = Path.of(cmsh.get(0)).getFileName().toString().equals("ssh");
    List<String> command = new ArrayList<>(cmsh);
    args.forEach(a -> command.add(viaSsh ? "'" + a.replace("'", "'\\''") + "'" : a));
    return command;
  }
}
