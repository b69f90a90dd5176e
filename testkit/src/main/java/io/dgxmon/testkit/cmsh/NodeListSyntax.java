package io.dgxmon.testkit.cmsh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cmsh node-list syntax ({@code node001..node004}, {@code node00[1-4]}, {@code -node[004-100:4]}
 * exclusions, {@code ^/path/file}) and the dotted form cmsh prints ranges in.
 */
final class NodeListSyntax {
  private static final Pattern DOTS = Pattern.compile("(.*?)(\\d+)\\.\\.(.*?)(\\d+)");
  private static final Pattern BRACKET = Pattern.compile("(.*)\\[(\\d+)-(\\d+)(?::(\\d+))?](.*)");
  private static final Pattern NUMBERED = Pattern.compile("(.*?)(\\d+)");

  private NodeListSyntax() {}

  static List<String> expand(String list) {
    Set<String> names = new LinkedHashSet<>();
    for (String item : splitOutsideBrackets(list)) {
      if (item.isBlank()) {
        continue;
      }
      if (item.startsWith("-")) {
        expandItem(item.substring(1)).forEach(names::remove);
      } else {
        names.addAll(expandItem(item));
      }
    }
    return List.copyOf(names);
  }

  private static List<String> expandItem(String item) {
    if (item.startsWith("^")) {
      try {
        return Files.readAllLines(Path.of(item.substring(1))).stream().map(String::strip)
            .filter(s -> !s.isEmpty()).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Matcher dots = DOTS.matcher(item);
    if (dots.matches() && dots.group(1).equals(dots.group(3))) {
      return range(dots.group(1), dots.group(2), dots.group(4), 1, "");
    }
    Matcher bracket = BRACKET.matcher(item);
    if (bracket.matches()) {
      int step = bracket.group(4) == null ? 1 : Integer.parseInt(bracket.group(4));
      return range(bracket.group(1), bracket.group(2), bracket.group(3), step, bracket.group(5));
    }
    return List.of(item);
  }

  private static List<String> range(String prefix, String lo, String hi, int step, String suffix) {
    List<String> out = new ArrayList<>();
    for (long i = Long.parseLong(lo); i <= Long.parseLong(hi); i += step) {
      out.add(prefix + String.format("%0" + lo.length() + "d", i) + suffix);
    }
    return out;
  }

  private static List<String> splitOutsideBrackets(String list) {
    List<String> items = new ArrayList<>();
    int depth = 0;
    StringBuilder item = new StringBuilder();
    for (char ch : list.toCharArray()) {
      depth += ch == '[' ? 1 : ch == ']' ? -1 : 0;
      if ((ch == ',' || ch == ' ') && depth == 0) {
        items.add(item.toString());
        item.setLength(0);
      } else {
        item.append(ch);
      }
    }
    items.add(item.toString());
    return items;
  }

  /** Prints names as cmsh does: runs of three or more as {@code node001..node004}, comma separated. */
  static String compress(List<String> names) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < names.size()) {
      int end = i;
      while (end + 1 < names.size() && follows(names.get(end), names.get(end + 1))) {
        end++;
      }
      if (end - i >= 2) {
        parts.add(names.get(i) + ".." + names.get(end));
      } else {
        // Two neighbours print as a list, as in the manual's "node001,node002".
        parts.addAll(names.subList(i, end + 1));
      }
      i = end + 1;
    }
    return String.join(",", parts);
  }

  private static boolean follows(String a, String b) {
    Matcher ma = NUMBERED.matcher(a);
    Matcher mb = NUMBERED.matcher(b);
    return ma.matches() && mb.matches() && ma.group(1).equals(mb.group(1))
        && ma.group(2).length() == mb.group(2).length()
        && Long.parseLong(mb.group(2)) == Long.parseLong(ma.group(2)) + 1;
  }
}
