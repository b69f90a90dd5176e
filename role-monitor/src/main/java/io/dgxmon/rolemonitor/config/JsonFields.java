package io.dgxmon.rolemonitor.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Typed reads from one JSON object of the config file, each failure naming the file, the field path,
 * the value and what was expected; unknown keys are refused with the nearest valid key as a hint.
 */
final class JsonFields {
  private final String file;
  private final String path;
  private final JsonNode object;

  JsonFields(String file, String path, JsonNode object) throws ConfigException {
    this.file = file;
    this.path = path;
    this.object = object;
    if (!object.isObject()) {
      throw fail("", object, "a JSON object");
    }
  }

  void rejectUnknown(Set<String> known) throws ConfigException {
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        String nearest = known.stream().min(Comparator.comparingInt(k -> distance(k, key))).orElse("");
        throw new ConfigException(file + ": unknown key '" + where(key) + "'; did you mean '" + where(nearest)
            + "'? (valid keys: " + String.join(", ", known.stream().sorted().toList()) + ")");
      }
    }
  }

  boolean has(String key) {
    return object.has(key) && !object.get(key).isNull();
  }

  String string(String key, String fallback, Predicate<String> valid, String expected) throws ConfigException {
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = object.get(key);
    if (!v.isTextual() || !valid.test(v.asText())) {
      throw fail(key, v, expected);
    }
    return v.asText();
  }

  int integer(String key, int fallback, int min, int max) throws ConfigException {
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = object.get(key);
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      throw fail(key, v, "an integer from " + min + " to " + max);
    }
    return v.asInt();
  }

  double number(String key, double fallback, double min, double max) throws ConfigException {
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = object.get(key);
    if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
      throw fail(key, v, "a number from " + min + " to " + max);
    }
    return v.asDouble();
  }

  boolean bool(String key, boolean fallback) throws ConfigException {
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = object.get(key);
    if (!v.isBoolean()) {
      throw fail(key, v, "true or false");
    }
    return v.asBoolean();
  }

  /** A list of strings; a single string counts as a one-element list. */
  List<String> strings(String key, List<String> fallback, Predicate<String> valid, String expected)
      throws ConfigException {
    if (!has(key)) {
      return fallback;
    }
    JsonNode v = object.get(key);
    List<String> out = new ArrayList<>();
    for (JsonNode item : v.isArray() ? v : List.of(v)) {
      if (!item.isTextual() || !valid.test(item.asText())) {
        throw fail(key, v, expected);
      }
      out.add(item.asText());
    }
    if (out.isEmpty()) {
      throw fail(key, v, expected + " (at least one)");
    }
    return out;
  }

  Map<String, String> stringMap(String key, Predicate<String> validKey, String expectedKey) throws ConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!has(key)) {
      return out;
    }
    JsonFields map = child(key);
    for (Iterator<Map.Entry<String, JsonNode>> it = map.object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!validKey.test(e.getKey())) {
        throw map.fail(e.getKey(), e.getValue(), expectedKey + " as the key");
      }
      if (!e.getValue().isTextual()) {
        throw map.fail(e.getKey(), e.getValue(), "a string");
      }
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  JsonFields child(String key) throws ConfigException {
    return new JsonFields(file, where(key), object.get(key));
  }

  Iterable<String> keys() {
    List<String> keys = new ArrayList<>();
    object.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** A problem with this whole object. */
  ConfigException problem(String message) {
    return new ConfigException(file + ": " + path + ": " + message);
  }

  ConfigException fail(String key, JsonNode value, String expected) {
    return new ConfigException(file + ": " + where(key) + " = " + value + ": expected " + expected);
  }

  private String where(String key) {
    return path.isEmpty() ? key : key.isEmpty() ? path : path + "." + key;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      prev = cur;
    }
    return prev[b.length()];
  }
}
