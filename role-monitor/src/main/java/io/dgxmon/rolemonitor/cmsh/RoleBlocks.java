package io.dgxmon.rolemonitor.cmsh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output of {@code foreach ... (get hostname; roles; list)}: per object its name on one line, then a
 * {@code Name (key)} table, or (for an object without roles) maybe the header alone, maybe nothing.
 * A line is a new block's name only if it is one of the names the answer announced elsewhere and not
 * seen yet; a role row that happened to equal such a name shows up later as that name listed twice.
 * Names are lower-cased; rows with a {@code [category:x]}/{@code [overlay:y]} prefix are kept apart.
 */
final class RoleBlocks {
  private static final Pattern PREFIXED = Pattern.compile("\\[([A-Za-z]+:[^\\]]+)]\\s+(.*)");
  private static final Pattern ROLE = Pattern.compile("[a-z0-9_:.-]+");

  private RoleBlocks() {}

  /** Reads blocks until the next JSON array or the end; every name in {@code expected} must have one. */
  static Map<String, RoleListing> parse(AnswerLines in, Set<String> expected, String what) throws CmshParseException {
    Map<String, RoleListing> blocks = new LinkedHashMap<>();
    while (!in.atEnd() && !in.atJsonArray()) {
      String name = in.take().strip();
      if (!expected.contains(name)) {
        throw new CmshParseException("unexpected cmsh output where a " + what + " name was expected: "
            + FixedWidthTable.quote(name));
      }
      if (blocks.containsKey(name)) {
        throw new CmshParseException(what + " roles: " + name + " listed twice");
      }
      blocks.put(name, listing(in, expected, blocks.keySet(), what));
    }
    if (blocks.size() < expected.size()) {
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(blocks.keySet());
      throw new CmshParseException("cmsh answer is incomplete: no roles listed for " + missing.size() + " of "
          + expected.size() + " " + what + "s, e.g. " + missing.iterator().next());
    }
    return blocks;
  }

  private static RoleListing listing(AnswerLines in, Set<String> names, Set<String> seen, String what)
      throws CmshParseException {
    String header = in.peek(0);
    String dashes = in.peek(1);
    if (header == null || dashes == null || !ListRows.key(header).equals("name")
        || !FixedWidthTable.isDashLine(dashes)) {
      return new RoleListing(Set.of(), List.of(), RoleListing.Form.NOTHING);
    }
    in.take();
    in.take();
    Set<String> direct = new TreeSet<>();
    List<String> inherited = new ArrayList<>();
    while (!in.atEnd() && !in.atJsonArray() && !isNewBlock(in.peek(0), names, seen)) {
      String row = in.take().strip();
      Matcher prefixed = PREFIXED.matcher(row);
      if (prefixed.matches()) {
        inherited.add(prefixed.group(1) + " " + roleName(prefixed.group(2), row, what));
      } else {
        direct.add(roleName(row, row, what));
      }
    }
    boolean empty = direct.isEmpty() && inherited.isEmpty();
    return new RoleListing(direct, inherited, empty ? RoleListing.Form.HEADER_ONLY : RoleListing.Form.ROWS);
  }

  private static boolean isNewBlock(String line, Set<String> names, Set<String> seen) {
    String name = line.strip();
    return names.contains(name) && !seen.contains(name);
  }

  private static String roleName(String text, String row, String what) throws CmshParseException {
    String name = text.strip().toLowerCase(Locale.ROOT);
    if (!ROLE.matcher(name).matches()) {
      throw new CmshParseException(what + " roles: not a role name: " + FixedWidthTable.quote(row));
    }
    return name;
  }
}
