package io.dgxmon.rolemonitor.cmsh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cmsh table parsed by the column positions of its dash line, so blank cells (e.g. Category of a
 * head node) never shift columns. The last column runs to the end of the line.
 */
public record FixedWidthTable(List<String> headers, List<List<String>> rows) {
  private static final Pattern DASH_LINE = Pattern.compile("-+( -+)*\\s*");
  private static final Pattern DASH_RUN = Pattern.compile("-+");

  public static boolean isDashLine(String line) {
    return DASH_LINE.matcher(line).matches();
  }

  /** Parses a header line, a dash line and rows; blank lines are ignored. */
  public static FixedWidthTable parse(List<String> lines) throws CmshParseException {
    List<String> content = lines.stream().filter(l -> !l.isBlank()).toList();
    if (content.size() < 2 || !isDashLine(content.get(1))) {
      throw new CmshParseException("expected a table header and a dash line, got: "
          + (content.isEmpty() ? "nothing" : quote(content.get(0))));
    }
    List<int[]> spans = new ArrayList<>();
    Matcher m = DASH_RUN.matcher(content.get(1));
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    List<String> headers = cells(content.get(0), spans, false);
    List<List<String>> rows = new ArrayList<>();
    for (String line : content.subList(2, content.size())) {
      rows.add(cells(line, spans, true));
    }
    return new FixedWidthTable(headers, rows);
  }

  private static List<String> cells(String line, List<int[]> spans, boolean strict) throws CmshParseException {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < spans.size(); i++) {
      int start = spans.get(i)[0];
      boolean last = i == spans.size() - 1;
      int end = last ? line.length() : Math.min(spans.get(i)[1], line.length());
      if (strict && !last && end < line.length() && line.charAt(end) != ' ') {
        throw new CmshParseException("row does not fit the dash-line columns: " + quote(line));
      }
      cells.add(start >= line.length() ? "" : line.substring(start, end).strip());
    }
    return cells;
  }

  static String quote(String line) {
    return "\"" + (line.length() > 120 ? line.substring(0, 120) + "..." : line) + "\"";
  }
}
