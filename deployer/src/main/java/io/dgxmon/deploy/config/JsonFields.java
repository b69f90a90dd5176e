package io.dgxmon.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Typed, path-aware reads from one JSON object. A wrong value is recorded as a problem (with its field path) and the
 * default is returned, so reading goes on and every problem is reported at once; {@link #finish()} reports the keys
 * nobody asked for as unknown.
 */
final class JsonFields {
  private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._+@/-]*");

  private final JsonNode node;
  private final String path;
  private final ConfigProblems problems;
  private final Set<String> known = new HashSet<>();

  JsonFields(JsonNode node, String path, ConfigProblems problems) {
    this.node = node;
    this.path = path;
    this.problems = problems;
  }

  String fieldPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ConfigProblems problems() {
    return problems;
  }

  /** The raw value, or null when absent or JSON null. */
  JsonNode raw(String key) {
    known.add(key);
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value;
  }

  String string(String key, String def) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (!v.isTextual()) {
      problems.add(fieldPath(key), "expected a string, got " + v);
      return def;
    }
    return v.asText();
  }

  String matching(String key, String def, Pattern pattern, String expected) {
    String v = string(key, def);
    if (v != null && !pattern.matcher(v).matches()) {
      problems.add(fieldPath(key), "\"" + v + "\" is not " + expected);
      return def;
    }
    return v;
  }

  /** An absolute, normalised path made of safe characters (it ends up in shell commands and under target roots). */
  String absolutePath(String key, String def) {
    String v = string(key, def);
    if (v == null || v.isEmpty()) {
      return v;
    }
    if (!isSafeAbsolutePath(v)) {
      problems.add(fieldPath(key), "\"" + v + "\" is not an absolute normalised path (/a/b, no '..', '//' or spaces)");
      return def;
    }
    return v;
  }

  static boolean isSafeAbsolutePath(String v) {
    return SAFE_PATH.matcher(v).matches()
        && !v.contains("//")
        && !v.contains("/../")
        && !v.endsWith("/..")
        && !v.contains("/./")
        && !v.endsWith("/.")
        && (v.equals("/") || !v.endsWith("/"));
  }

  int integer(String key, int def, int min, int max) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
      problems.add(fieldPath(key), v + " is not an integer in [" + min + ", " + max + "]");
      return def;
    }
    return v.asInt();
  }

  boolean bool(String key, boolean def) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (!v.isBoolean()) {
      problems.add(fieldPath(key), "expected true or false, got " + v);
      return def;
    }
    return v.asBoolean();
  }

  List<String> strings(String key, List<String> def, Pattern each, String expected) {
    JsonNode v = raw(key);
    if (v == null) {
      return def;
    }
    if (!v.isArray()) {
      problems.add(fieldPath(key), "expected a list of strings, got " + v);
      return def;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      JsonNode e = v.get(i);
      if (!e.isTextual() || !each.matcher(e.asText()).matches()) {
        problems.add(fieldPath(key) + "[" + i + "]", e + " is not " + expected);
      } else {
        out.add(e.asText());
      }
    }
    return List.copyOf(out);
  }

  Map<String, String> stringMap(String key, Pattern keyPattern, Pattern valuePattern) {
    JsonNode v = raw(key);
    Map<String, String> out = new LinkedHashMap<>();
    if (v == null) {
      return out;
    }
    if (!v.isObject()) {
      problems.add(fieldPath(key), "expected an object of strings, got " + v);
      return out;
    }
    v.fields().forEachRemaining(e -> {
      String p = fieldPath(key) + "." + e.getKey();
      if (!keyPattern.matcher(e.getKey()).matches()) {
        problems.add(p, "is not a valid label name");
      } else if (!e.getValue().isTextual() || !valuePattern.matcher(e.getValue().asText()).matches()) {
        problems.add(p, e.getValue() + " is not a valid label value");
      } else {
        out.put(e.getKey(), e.getValue().asText());
      }
    });
    return out;
  }

  /** A nested object, or null (with a problem when present but not an object). */
  JsonFields object(String key) {
    JsonNode v = raw(key);
    if (v == null) {
      return null;
    }
    if (!v.isObject()) {
      problems.add(fieldPath(key), "expected an object, got " + v);
      return null;
    }
    return new JsonFields(v, fieldPath(key), problems);
  }

  /** Reports every key that no read asked for, with the nearest known key as a hint. */
  void finish() {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        String nearest = known.stream().min(Comparator.comparingInt(c -> distance(c, k))).orElse(null);
        problems.add(fieldPath(k), "unknown key" + (nearest == null ? "" : " (did you mean \"" + nearest + "\"?)"));
      }
    }
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + sub);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
