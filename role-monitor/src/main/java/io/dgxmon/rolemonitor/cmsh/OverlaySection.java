package io.dgxmon.rolemonitor.cmsh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The overlays section: name, priority, all-head-nodes flag, nodes (dot ranges expanded), categories, roles. */
final class OverlaySection {
  private OverlaySection() {}

  static List<Overlay> parse(JsonNode array) throws CmshParseException {
    List<Overlay> overlays = new ArrayList<>();
    String what = "configurationoverlay list";
    for (Map<String, String> row : ListRows.read(array, what)) {
      String name = ListRows.required(row, "name", what);
      String heads = ListRows.optional(row, "allheadnodes", what).toLowerCase(Locale.ROOT);
      if (!Set.of("yes", "no", "true", "false", "").contains(heads)) {
        throw new CmshParseException(what + ": overlay " + name + ": allheadnodes is " + heads);
      }
      overlays.add(new Overlay(name, priority(row, name, what), heads.equals("yes") || heads.equals("true"),
          new HashSet<>(NodeListExpander.expand(ListRows.optional(row, "nodes", what))),
          words(ListRows.optional(row, "categories", what), false),
          words(ListRows.optional(row, "roles", what), true)));
    }
    return overlays;
  }

  private static int priority(Map<String, String> row, String name, String what) throws CmshParseException {
    String priority = ListRows.required(row, "priority", what);
    try {
      return Integer.parseInt(priority);
    } catch (NumberFormatException e) {
      throw new CmshParseException(what + ": overlay " + name + ": priority is " + FixedWidthTable.quote(priority)
          + ", expected a whole number (-1 = disabled)");
    }
  }

  private static Set<String> words(String list, boolean lower) {
    Set<String> out = new HashSet<>();
    for (String w : list.split("[,\\s]+")) {
      if (!w.isEmpty()) {
        out.add(lower ? w.toLowerCase(Locale.ROOT) : w);
      }
    }
    return out;
  }
}
