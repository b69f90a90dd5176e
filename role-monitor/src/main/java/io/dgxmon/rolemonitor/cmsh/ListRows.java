package io.dgxmon.rolemonitor.cmsh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of a cmsh {@code list ... -d {}} JSON array, keyed by field name ({@code "hostname (key)"} becomes
 * {@code hostname}). A value ending in {@code +} is how cmsh marks a cell it cut to the column width;
 * {@link #required}/{@link #optional} refuse it, because a cut name would be a wrong name.
 */
final class ListRows {
  private ListRows() {}

  static List<Map<String, String>> read(JsonNode array, String what) throws CmshParseException {
    if (!array.isArray()) {
      throw new CmshParseException(what + ": expected a JSON array, got " + array.getNodeType());
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (JsonNode object : array) {
      if (!object.isObject()) {
        throw new CmshParseException(what + ": expected JSON objects, got " + object);
      }
      Map<String, String> row = new HashMap<>();
      object.fields().forEachRemaining(e -> row.put(key(e.getKey()), text(e.getValue())));
      rows.add(row);
    }
    return rows;
  }

  private static String text(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(v -> items.add(v.asText()));
      return String.join(",", items);
    }
    return value.isNull() ? "" : value.asText();
  }

  /** {@code "Hostname (key)"} → {@code hostname}, {@code "All head nodes"} → {@code allheadnodes}. */
  static String key(String header) {
    String h = header.strip().toLowerCase(Locale.ROOT);
    h = h.endsWith("(key)") ? h.substring(0, h.length() - 5) : h;
    return h.replace(" ", "");
  }

  /** A required field's value; a cut or missing value is refused. */
  static String required(Map<String, String> row, String field, String what) throws CmshParseException {
    String value = row.get(field);
    if (value == null || value.isEmpty()) {
      throw new CmshParseException(what + ": a row has no " + field + ": " + row);
    }
    return optional(row, field, what);
  }

  static String optional(Map<String, String> row, String field, String what) throws CmshParseException {
    String value = row.getOrDefault(field, "").strip();
    if (value.endsWith("+")) {
      throw new CmshParseException(what + ": " + field + " " + FixedWidthTable.quote(value)
          + " was cut by cmsh (ends in '+'); the field needs width 0");
    }
    return value;
  }
}
