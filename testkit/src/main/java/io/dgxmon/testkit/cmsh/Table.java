package io.dgxmon.testkit.cmsh;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a cmsh {@code list} table: fixed-width cells joined by one space (or the {@code -d}
 * delimiter), a dash line under the header, overlong cells cut with a trailing {@code +}, headers cut
 * without one; or, for {@code -d {}}, a JSON array keyed by the headers.
 */
final class Table {
  /** One column: its header and width rule ({@code min == max}: fixed; {@code 0}: unlimited). */
  record Column(String header, int min, int max) {
    static Column fixed(String header, int width) {
      return new Column(header, width, width);
    }

    static Column range(String header, int min, int max) {
      return new Column(header, min, max);
    }

    /** At least {@code min}, else as wide as the longest value; never cut (cmsh's role lists). */
    static Column fit(String header, int min) {
      return new Column(header, min, -1);
    }

    int width(List<String> values) {
      int longest = values.stream().mapToInt(String::length).max().orElse(0);
      if (min == 0 && max == 0) {
        return Math.max(longest, header.length());
      }
      if (max < 0) {
        return Math.max(min, longest);
      }
      return min == max ? min : Math.max(min, Math.min(max, longest + 1));
    }
  }

  private final List<Column> columns;
  private final List<List<String>> rows = new ArrayList<>();

  Table(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  /** Adds one single-column row per value. */
  Table addAll(List<String> values) {
    values.forEach(v -> add(List.of(v)));
    return this;
  }

  Table add(List<String> row) {
    rows.add(row.stream().map(v -> v == null ? "" : v).toList());
    return this;
  }

  /** Renders as cmsh would for {@code -d delimiter}; {@code null} means the default (space, table). */
  String render(String delimiter) {
    if (delimiter != null && delimiter.matches("\\{\\d*}")) {
      String digits = delimiter.substring(1, delimiter.length() - 1);
      return json(digits.isEmpty() ? 2 : Integer.parseInt(digits));
    }
    String separator = delimiter == null ? " " : delimiter;
    int[] widths = new int[columns.size()];
    for (int c = 0; c < widths.length; c++) {
      int col = c;
      widths[c] = columns.get(c).width(rows.stream().map(r -> r.get(col)).toList());
    }
    StringBuilder out = new StringBuilder();
    line(out, separator, widths, c -> cutHeader(columns.get(c).header(), widths[c]));
    line(out, separator, widths, c -> "-".repeat(widths[c]));
    for (List<String> row : rows) {
      line(out, separator, widths, c -> cutValue(row.get(c), widths[c]));
    }
    return out.toString();
  }

  private void line(StringBuilder out, String separator, int[] widths, java.util.function.IntFunction<String> cell) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      if (c > 0) {
        line.append(separator);
      }
      String text = cell.apply(c);
      line.append(text).append(" ".repeat(Math.max(0, widths[c] - text.length())));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }

  static String cutValue(String value, int width) {
    return value.length() <= width ? value : value.substring(0, width - 1) + "+";
  }

  static String cutHeader(String header, int width) {
    return header.length() <= width ? header : header.substring(0, width);
  }

  private String json(int indent) {
    if (rows.isEmpty()) {
      return "[]\n";
    }
    String one = " ".repeat(indent);
    StringBuilder out = new StringBuilder("[\n");
    for (int r = 0; r < rows.size(); r++) {
      out.append(one).append("{\n");
      for (int c = 0; c < columns.size(); c++) {
        out.append(one).append(one).append(quote(jsonKey(columns.get(c).header()))).append(": ")
            .append(quote(rows.get(r).get(c))).append(c + 1 < columns.size() ? ",\n" : "\n");
      }
      out.append(one).append(r + 1 < rows.size() ? "},\n" : "}\n");
    }
    return out.append("]\n").toString();
  }

  /** JSON keys are the lower-case field names: {@code "All head nodes"} → {@code "allheadnodes"}. */
  private static String jsonKey(String header) {
    boolean key = header.endsWith(" (key)");
    String name = key ? header.substring(0, header.length() - 6) : header;
    return name.toLowerCase().replace(" ", "") + (key ? " (key)" : "");
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
