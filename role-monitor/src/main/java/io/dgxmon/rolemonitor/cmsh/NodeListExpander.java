package io.dgxmon.rolemonitor.cmsh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expands the node lists cmsh prints: {@code node001..node004}, {@code node00[1-4]}, comma or space separated. */
public final class NodeListExpander {
  private static final Pattern DOTS = Pattern.compile("(.*?)(\\d+)\\.\\.(.*?)(\\d+)");
  private static final Pattern BRACKET = Pattern.compile("(.*)\\[(\\d+)-(\\d+)](.*)");
  /** More would be a typo or garbage, not a cluster. */
  private static final long MAX_RANGE = 1_000_000;

  private NodeListExpander() {}

  public static List<String> expand(String list) throws CmshParseException {
    List<String> names = new ArrayList<>();
    for (String item : list.split("[,\\s]+")) {
      if (!item.isEmpty()) {
        names.addAll(expandItem(item));
      }
    }
    return names;
  }

  private static List<String> expandItem(String item) throws CmshParseException {
    Matcher dots = DOTS.matcher(item);
    if (dots.matches()) {
      if (!dots.group(1).equals(dots.group(3))) {
        throw new CmshParseException("node range with different prefixes: " + item);
      }
      return range(item, dots.group(1), dots.group(2), dots.group(4), "");
    }
    Matcher bracket = BRACKET.matcher(item);
    if (bracket.matches()) {
      return range(item, bracket.group(1), bracket.group(2), bracket.group(3), bracket.group(4));
    }
    return List.of(item);
  }

  private static List<String> range(String item, String prefix, String lo, String hi, String suffix)
      throws CmshParseException {
    long from = Long.parseLong(lo);
    long to = Long.parseLong(hi);
    if (to < from || to - from > MAX_RANGE) {
      throw new CmshParseException("node range out of order or too long: " + item);
    }
    List<String> out = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      String digits = Long.toString(i);
      out.add(prefix + "0".repeat(Math.max(0, lo.length() - digits.length())) + digits + suffix);
    }
    return out;
  }
}
