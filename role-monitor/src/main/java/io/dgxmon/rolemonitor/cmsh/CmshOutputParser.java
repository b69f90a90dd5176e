package io.dgxmon.rolemonitor.cmsh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the text of one {@link CmshQuery} run into a {@link ClusterSnapshot}, or refuses it: a missing
 * or misplaced section marker, stray text (an error message), or a row that does not parse throws
 * {@link CmshParseException}, because acting on half an answer would delete targets.
 */
public final class CmshOutputParser {
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");
  /** Asynchronous CMDaemon events cmsh may interleave, e.g. "Mon Nov 3 ... [notice] head: ...". */
  private static final Pattern EVENT = Pattern.compile("\\[(notice|warning|info|alert)\\] \\S+: ");

  private CmshOutputParser() {}

  public static ClusterSnapshot parse(String output) throws CmshParseException {
    Map<String, List<String>> sections = sections(output);
    List<String> warnings = new ArrayList<>();
    List<Device> devices = DeviceSection.parse(sections.get("devices"), warnings);
    return new ClusterSnapshot(devices,
        RoleBlocks.parse(sections.get("node-roles"), "node"),
        RoleBlocks.parse(sections.get("category-roles"), "category"),
        OverlaySection.parse(sections.get("overlays")),
        warnings);
  }

  private static boolean isEvent(String line) {
    return line.indexOf("] ") > 0 && EVENT.matcher(line).find();
  }

  /** Splits the output at the marker lines, checking that every section is there, in order, once. */
  static Map<String, List<String>> sections(String output) throws CmshParseException {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    List<String> current = null;
    int expected = 0;
    String plain = output.indexOf('\u001b') < 0 ? output : ANSI.matcher(output).replaceAll("");
    for (String raw : plain.split("\r?\n", -1)) {
      String line = raw.stripTrailing();
      if (line.startsWith(CmshQuery.MARKER_PREFIX)) {
        String want = expected < CmshQuery.SECTIONS.size() ? CmshQuery.SECTIONS.get(expected) : "(nothing)";
        if (!line.equals(CmshQuery.marker(want))) {
          throw new CmshParseException("cmsh output has marker " + line + " where " + CmshQuery.marker(want)
              + " was expected");
        }
        current = new ArrayList<>();
        sections.put(want, current);
        expected++;
      } else if (line.isBlank() || isEvent(line)) {
        continue;
      } else if (current == null || expected == CmshQuery.SECTIONS.size()) {
        throw new CmshParseException("unexpected cmsh output: " + FixedWidthTable.quote(line));
      } else {
        current.add(line);
      }
    }
    if (expected < CmshQuery.SECTIONS.size()) {
      throw new CmshParseException("cmsh output is incomplete: " + CmshQuery.marker(CmshQuery.SECTIONS.get(expected))
          + " never came" + (expected == 0 ? " (is this cmsh? first output missing)" : ""));
    }
    return sections;
  }
}
