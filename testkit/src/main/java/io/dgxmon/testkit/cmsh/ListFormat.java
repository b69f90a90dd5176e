package io.dgxmon.testkit.cmsh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code list} layout: the default columns of a mode, or the ones {@code -f f1:w1,f2:[min-max],f3}
 * asks for (headers then are the lower-case field names, the key field gets {@code " (key)"}).
 */
final class ListFormat<T> {
  private static final Pattern FIELD = Pattern.compile("([a-z]+)(?::(?:(\\d+)|\\[(\\d+)-(\\d+)]))?");

  /** A field a mode can list: its value per object and its width rule when {@code -f} gives none. */
  record Field<T>(Function<T, String> value, int min, int max) {}

  private final List<Table.Column> columns;
  private final List<Function<T, String>> values;

  private ListFormat(List<Table.Column> columns, List<Function<T, String>> values) {
    this.columns = columns;
    this.values = values;
  }

  /** Default layout: one column per entry in {@code defaults} (header → field name), widths given there. */
  static <T> ListFormat<T> of(List<Table.Column> defaults, List<String> fieldNames, Map<String, Field<T>> fields) {
    List<Function<T, String>> values = fieldNames.stream().map(n -> fields.get(n).value()).toList();
    return new ListFormat<>(defaults, values);
  }

  /** Layout of {@code -f spec}. */
  static <T> ListFormat<T> parse(String spec, String keyField, Map<String, Field<T>> fields) {
    List<Table.Column> columns = new ArrayList<>();
    List<Function<T, String>> values = new ArrayList<>();
    for (String item : spec.split(",")) {
      Matcher m = FIELD.matcher(item.strip());
      if (!m.matches() || !fields.containsKey(m.group(1))) {
        throw new CmshError("Invalid field: " + item.strip() + " (valid: " + String.join(", ", fields.keySet()) + ")");
      }
      Field<T> field = fields.get(m.group(1));
      String header = m.group(1) + (m.group(1).equals(keyField) ? " (key)" : "");
      columns.add(m.group(2) != null ? Table.Column.fixed(header, Integer.parseInt(m.group(2)))
          : m.group(3) != null ? Table.Column.range(header, Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)))
          : Table.Column.range(header, field.min(), field.max()));
      values.add(field.value());
    }
    return new ListFormat<>(columns, values);
  }

  String render(List<T> objects, String delimiter) {
    Table table = new Table(columns);
    for (T object : objects) {
      table.add(values.stream().map(v -> v.apply(object)).toList());
    }
    return table.render(delimiter);
  }
}
