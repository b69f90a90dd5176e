package io.dgxmon.rolemonitor.cmsh;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Output of {@code foreach ... (get hostname; roles; list)}: per object, its name on one line, then a
 * {@code Name (key)} table. Inherited rows carry a {@code [category:x]}/{@code [overlay:y]} prefix,
 * which is stripped; names are lower-cased.
 */
final class RoleBlocks {
  private static final Pattern SOURCE_PREFIX = Pattern.compile("^\\[[a-z]+:[^\\]]+]\\s+");
  private static final Pattern ROLE = Pattern.compile("[a-z0-9_:.-]+");

  private RoleBlocks() {}

  static Map<String, Set<String>> parse(List<String> lines, String what) throws CmshParseException {
    Map<String, Set<String>> roles = new HashMap<>();
    Set<String> current = null;
    int i = 0;
    while (i < lines.size()) {
      if (startsBlock(lines, i)) {
        String name = lines.get(i).strip();
        if (roles.containsKey(name)) {
          throw new CmshParseException(what + " roles: " + name + " listed twice");
        }
        current = new TreeSet<>();
        roles.put(name, current);
        i += 3;
        continue;
      }
      if (current == null) {
        throw new CmshParseException(what + " roles: unexpected line " + FixedWidthTable.quote(lines.get(i)));
      }
      current.add(roleName(lines.get(i), what));
      i++;
    }
    return roles;
  }

  private static boolean startsBlock(List<String> lines, int i) {
    return i + 2 < lines.size() && lines.get(i + 2).startsWith("-")
        && ListRows.key(lines.get(i + 1)).equals("name") && FixedWidthTable.isDashLine(lines.get(i + 2));
  }

  private static String roleName(String line, String what) throws CmshParseException {
    String name = SOURCE_PREFIX.matcher(line.strip()).replaceFirst("").toLowerCase(Locale.ROOT);
    if (!ROLE.matcher(name).matches()) {
      throw new CmshParseException(what + " roles: not a role name: " + FixedWidthTable.quote(line));
    }
    return name;
  }
}
