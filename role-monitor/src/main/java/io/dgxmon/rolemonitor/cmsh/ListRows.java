package io.dgxmon.rolemonitor.cmsh;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of a cmsh {@code list}, from either its {@code -d {}} JSON or its fixed-width table, keyed by
 * field name ({@code "Hostname (key)"}, {@code "hostname (key)"} and {@code "All head nodes"} become
 * {@code hostname} and {@code allheadnodes}). Table cells cut by cmsh (ending in {@code +}) are
 * marked, and {@link #required}/{@link #optional} refuse them: a cut name would be a wrong name.
 */
final class ListRows {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Added to a field name to mark that cmsh cut its table cell short (the cell ends in {@code +}). */
  private static final String CUT = "\u0000cut";

  private ListRows() {}

  static List<Map<String, String>> read(List<String> lines, String what) throws CmshParseException {
    String text = String.join("\n", lines).strip();
    return text.startsWith("[") ? fromJson(text, what) : fromTable(lines);
  }

  private static List<Map<String, String>> fromJson(String text, String what) throws CmshParseException {
    JsonNode array;
    try {
      array = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new CmshParseException(what + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (!array.isArray()) {
      throw new CmshParseException(what + ": expected a JSON array");
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

  private static List<Map<String, String>> fromTable(List<String> lines) throws CmshParseException {
    FixedWidthTable table = FixedWidthTable.parse(lines);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> cells : table.rows()) {
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < cells.size(); i++) {
        String cell = cells.get(i);
        String field = key(table.headers().get(i));
        row.put(field, cell);
        if (cell.endsWith("+")) {
          row.put(field + CUT, "");
        }
      }
      rows.add(row);
    }
    return rows;
  }

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
    String value = row.getOrDefault(field, "");
    if (row.containsKey(field + CUT)) {
      throw new CmshParseException(what + ": " + field + " was cut by cmsh (ends in '+'); use width 0");
    }
    return value;
  }
}
