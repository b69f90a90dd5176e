package io.dgxmon.rolemonitor.cmsh;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one cmsh invocation a cycle makes. It uses documented commands only, and no {@code !} shell escape
 * (inside {@code -c} its behaviour is not documented). The parser finds the sections by their shape and
 * checks that they agree, so a cut-off or garbled answer is refused:
 * <ol>
 *   <li>devices: {@code device; list -f type:0,hostname:0,category:0,ip:0,status:0 -d {}} (a JSON array);
 *   <li>node roles: {@code foreach -t <type> (get hostname; roles; list)} per watched node type: one
 *       block per device of that type in (1), no more, no less;
 *   <li>categories: {@code category; list -f name:0 -d {}} (a JSON array);
 *   <li>category roles: {@code foreach * (get name; roles; list)}: one block per category in (3);
 *   <li>overlays: {@code configurationoverlay; list -f name:0,priority:0,... -d {}} (a JSON array);
 *   <li>{@code main; versioninfo}: last, so its presence shows that cmsh got to the end.
 * </ol>
 */
public final class CmshQuery {
  static final String DEVICES = "device; list -f type:0,hostname:0,category:0,ip:0,status:0 -d {}";
  static final String CATEGORIES = "category; list -f name:0 -d {}";
  static final String CATEGORY_ROLES = "foreach * (get name; roles; list)";
  static final String OVERLAYS =
      "configurationoverlay; list -f name:0,priority:0,allheadnodes:0,nodes:0,categories:0,roles:0 -d {}";
  static final String VERSION = "main; versioninfo";

  private CmshQuery() {}

  /** The {@code -c} script for nodes of {@code nodeTypes} (lower-case cmsh type names). */
  public static String script(Set<String> nodeTypes) {
    List<String> parts = new ArrayList<>();
    parts.add(DEVICES);
    nodeTypes.stream().sorted().forEach(t -> parts.add("foreach -t " + t + " (get hostname; roles; list)"));
    parts.add(CATEGORIES);
    parts.add(CATEGORY_ROLES);
    parts.add(OVERLAYS);
    parts.add(VERSION);
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
