package io.dgxmon.rolemonitor.cmsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last section, {@code main; versioninfo}: a key/value table (header and dash line, as the other
 * cmsh tables) or plain lines with two or more spaces between key and value. Every line must be such a
 * pair and one value a version number; anything else means the answer did not end the way it should.
 */
final class VersionSection {
  private VersionSection() {}

  static VersionInfo parse(List<String> lines) throws CmshParseException {
    if (lines.isEmpty()) {
      throw new CmshParseException("cmsh answer is incomplete: the versioninfo at its end never came");
    }
    List<Map.Entry<String, String>> fields = new ArrayList<>();
    boolean table = lines.size() > 1 && FixedWidthTable.isDashLine(lines.get(1));
    List<List<String>> rows = table ? FixedWidthTable.parse(lines).rows() : pairs(lines);
    for (int i = 0; i < rows.size(); i++) {
      List<String> row = rows.get(i);
      if (row.size() != 2 || row.get(0).isEmpty() || row.get(1).isEmpty()) {
        throw new CmshParseException("unexpected cmsh output at the end (versioninfo): "
            + FixedWidthTable.quote(lines.get(i + (table ? 2 : 0))));
      }
      fields.add(Map.entry(row.get(0), row.get(1)));
    }
    if (fields.stream().noneMatch(f -> VersionInfo.VERSION.matcher(f.getValue()).find())) {
      throw new CmshParseException("cmsh answer is incomplete: the versioninfo at its end has no version number: "
          + FixedWidthTable.quote(String.join(" | ", lines)));
    }
    return new VersionInfo(fields);
  }

  private static List<List<String>> pairs(List<String> lines) {
    List<List<String>> rows = new ArrayList<>();
    for (String line : lines) {
      rows.add(List.of(line.strip().split("\\s{2,}", 2)));
    }
    return rows;
  }
}
