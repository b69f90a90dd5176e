package io.dgxmon.testkit.cmsh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Options of one cmsh command ({@code -t x --status UP -w ...}), long and short names unified. */
final class CommandOptions {
  private static final Map<String, String> ALIASES = Map.ofEntries(
      Map.entry("-t", "type"), Map.entry("--type", "type"),
      Map.entry("-r", "rack"), Map.entry("--rack", "rack"),
      Map.entry("-s", "status"), Map.entry("--status", "status"),
      Map.entry("-c", "category"), Map.entry("--category", "category"),
      Map.entry("-n", "nodes"), Map.entry("--nodes", "nodes"),
      Map.entry("-f", "format"), Map.entry("--format", "format"),
      Map.entry("-d", "delimiter"), Map.entry("--delimiter", "delimiter"),
      Map.entry("-l", "role"), Map.entry("--role", "role"),
      Map.entry("-e", "overlay"), Map.entry("--overlay", "overlay"),
      Map.entry("-i", "image"), Map.entry("--image", "image"),
      Map.entry("-m", "image"),
      Map.entry("-w", "write"), Map.entry("--wait", "write"));
  private static final Set<String> FLAGS = Set.of("write");

  private final Map<String, String> values = new HashMap<>();
  private final List<String> positional = new ArrayList<>();

  CommandOptions(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = ALIASES.get(arg);
      if (name == null && arg.startsWith("-") && arg.length() > 1) {
        throw new CmshError("Unknown option: " + arg);
      }
      if (name == null) {
        positional.add(arg);
      } else if (FLAGS.contains(name)) {
        values.put(name, "yes");
      } else if (i + 1 < args.size()) {
        values.put(name, args.get(++i));
      } else {
        throw new CmshError("Option " + arg + " needs a value");
      }
    }
  }

  Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  List<String> positional() {
    return positional;
  }
}
