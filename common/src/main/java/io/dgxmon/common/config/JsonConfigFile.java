package io.dgxmon.common.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The one strict JSON config reader of dgxmon. A config is one JSON object; a key given twice or anything after the
 * object is refused; the caller's reader takes its fields through {@link JsonFields} (typed, with field paths), and
 * every key it did not ask for is reported as unknown with the nearest known key. Problems are collected, never
 * thrown one by one, so one run shows all of them.
 */
public final class JsonConfigFile {
  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonConfigFile() {}

  /** Reads {@code file} with {@code reader}; @throws ConfigException with every problem, if there is any */
  public static <T> T read(Path file, Function<JsonFields, T> reader) throws ConfigException {
    return parse(file.toString(), text(file), reader);
  }

  /** Reads {@code json} (from {@code source}, used in messages) with {@code reader}. */
  public static <T> T parse(String source, String json, Function<JsonFields, T> reader) throws ConfigException {
    ConfigProblems problems = new ConfigProblems();
    T value = parse(source, json, problems, reader);
    problems.throwIfAny(source);
    return value;
  }

  /**
   * Reads {@code file} into {@code problems} without throwing for a bad field, for a program that checks the values
   * later together with other sources (the exporter's flags).
   *
   * @throws ConfigException only when the file cannot be read or is not a JSON object
   */
  public static <T> T read(Path file, ConfigProblems problems, Function<JsonFields, T> reader)
      throws ConfigException {
    return parse(file.toString(), text(file), problems, reader);
  }

  private static <T> T parse(String source, String json, ConfigProblems problems, Function<JsonFields, T> reader)
      throws ConfigException {
    JsonFields top = new JsonFields(root(source, json), "", problems);
    T value = reader.apply(top);
    top.finish();
    return value;
  }

  private static JsonNode root(String source, String json) throws ConfigException {
    JsonNode root;
    try {
      root = STRICT.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ConfigException(source, List.of(where(e.getLocation()) + "not valid JSON: " + e.getOriginalMessage()));
    }
    if (root == null || root.isMissingNode()) {
      throw new ConfigException(source, List.of("(top level): empty; expected a JSON object ({} for all defaults)"));
    }
    if (!root.isObject()) {
      throw new ConfigException(source, List.of("(top level): expected a JSON object, got " + root.getNodeType()));
    }
    return root;
  }

  private static String text(Path file) throws ConfigException {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file.toString(), List.of("no such file"));
    } catch (IOException e) {
      throw new ConfigException(file.toString(), List.of("cannot read: " + e));
    }
  }

  private static String where(JsonLocation location) {
    return location == null ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
  }
}
