package io.dgxmon.common.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Typed, path-aware reads from one JSON object. A wrong value is recorded as a problem (with its field path, the
 * value and what was expected) and the default is returned, so reading goes on and every problem is reported at
 * once; {@link #finish()} reports the keys nobody asked for as unknown, with the nearest known key as a hint.
 */
public final class JsonFields {
  private final JsonNode node;
  private final String path;
  private final ConfigProblems problems;
  private final Set<String> known = new LinkedHashSet<>();

  /** Reads {@code node}, a JSON object found at {@code path} ("" for the top level). */
  public JsonFields(JsonNode node, String path, ConfigProblems problems) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("not a JSON object: " + node);
    }
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  /** An empty object at {@code path}: every read gives its default. */
  public static JsonFields empty(String path, ConfigProblems problems) {
    return new JsonFields(JsonNodeFactory.instance.objectNode(), path, problems);
  }

  public String fieldPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  public String path() {
    return path;
  }

  public ConfigProblems problems() {
    return problems;
  }

  /** Records a problem with the field {@code key} of this object. */
  public void problem(String key, String message) {
    problems.add(fieldPath(key), message);
  }

  /** Whether {@code key} is present and not JSON null (without reading it). */
  public boolean has(String key) {
    JsonNode value = node.get(key);
    return value != null && !value.isNull();
  }

  /** The keys present in this object, in file order. */
  public List<String> keys() {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The raw value, or null when absent or JSON null. */
  public JsonNode raw(String key) {
    known.add(key);
    return has(key) ? node.get(key) : null;
  }

  public String string(String key, String def) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (!v.isTextual()) {
      problem(key, "expected a string, got " + v);
      return def;
    }
    return v.asText();
  }

  /** A string that {@code valid} accepts; {@code expected} says what that is ("a user name"). */
  public String string(String key, String def, Predicate<String> valid, String expected) {
    String v = string(key, null);
    if (v == null) {
      return def;
    }
    if (!valid.test(v)) {
      problem(key, "\"" + v + "\" is not " + expected);
      return def;
    }
    return v;
  }

  public String matching(String key, String def, Pattern pattern, String expected) {
    return string(key, def, pattern.asMatchPredicate(), expected);
  }

  public int integer(String key, int def, int min, int max) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      problem(key, v + " is not an integer in [" + min + ", " + max + "]");
      return def;
    }
    return v.asInt();
  }

  public double number(String key, double def, double min, double max) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
      problem(key, v + " is not a number in [" + min + ", " + max + "]");
      return def;
    }
    return v.asDouble();
  }

  /**
   * A string, number or boolean as its text ({@code 5}, {@code true}, {@code "5s"}), or null when absent; for
   * configs whose values are checked later as text, like command-line flags.
   */
  public String scalarText(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (!v.isValueNode()) {
      problem(key, "expected a string, number or boolean, got " + v);
      return null;
    }
    return v.asText();
  }

  public boolean bool(String key, boolean def) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (!v.isBoolean()) {
      problem(key, "expected true or false, got " + v);
      return def;
    }
    return v.asBoolean();
  }

  /** A list of strings, each accepted by {@code each}; a bad element is reported as {@code key[i]} and left out. */
  public List<String> strings(String key, List<String> def, Predicate<String> each, String expected) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (!v.isArray()) {
      problem(key, "expected a list of strings, got " + v);
      return def;
    }
    return elements(v, fieldPath(key), each, expected);
  }

  /** One string or a non-empty list of them (a single string counts as a one-element list). */
  public List<String> oneOrMoreStrings(String key, List<String> def, Predicate<String> each, String expected) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (v.isTextual()) {
      String one = string(key, null, each, expected);
      return one == null ? def : List.of(one);
    }
    if (!v.isArray() || v.isEmpty()) {
      problem(key, "expected a string or a non-empty list of strings, got " + v);
      return def;
    }
    List<String> out = elements(v, fieldPath(key), each, expected);
    return out.size() == v.size() ? out : def;
  }

  private List<String> elements(JsonNode array, String arrayPath, Predicate<String> each, String expected) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode e = array.get(i);
      if (!e.isTextual() || !each.test(e.asText())) {
        problems.add(arrayPath + "[" + i + "]", e + " is not " + expected);
      } else {
        out.add(e.asText());
      }
    }
    return List.copyOf(out);
  }

  /** An object of strings, keys and values each checked; a bad entry is reported and left out. */
  public Map<String, String> stringMap(String key, Predicate<String> validKey, String expectedKey,
      Predicate<String> validValue, String expectedValue) {
    JsonNode v = raw(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      problem(key, "expected an object of strings, got " + v);
      return out;
    }
    v.fields().forEachRemaining(e -> {
      String p = fieldPath(key) + "." + e.getKey();
      if (!validKey.test(e.getKey())) {
        problems.add(p, "is not " + expectedKey);
      } else if (!e.getValue().isTextual() || !validValue.test(e.getValue().asText())) {
        problems.add(p, e.getValue() + " is not " + expectedValue);
      } else {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    return out;
  }

  /** A nested object, or null (with a problem when present but not an object). */
  public JsonFields object(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      problem(key, "expected an object, got " + v);
      return null;
    }
    return new JsonFields(v, fieldPath(key), problems);
  }

  /** Reports every key that no read asked for, with the nearest known key as a hint. */
  public void finish() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        String hint = NearestKey.nearest(k, known).map(n -> " (did you mean \"" + n + "\"?)").orElse("");
        problem(k, "unknown key" + hint);
      }
    }
  }
}
