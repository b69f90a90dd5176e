package io.dgxmon.exporter.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dgxmon.common.config.NearestKey;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the exporter's JSON config file: one flat object whose keys are the option names without {@code --}
 * and whose values are strings, numbers or booleans. Every error names the file, line and field.
 */
public final class ConfigFile {
  private static final JsonFactory JSON = new JsonFactory();

  private ConfigFile() {}

  /** Returns key → setting, origin {@code "<file> line N field 'key'"}. */
  public static Map<String, Setting> read(Path file, Collection<String> validKeys) {
    try (JsonParser parser = JSON.createParser(file.toFile())) {
      return readObject(parser, file, validKeys);
    } catch (JsonParseException e) {
      String field = currentField(e.getProcessor());
      throw new ConfigException(
          file + " line " + e.getLocation().getLineNr()
              + (field == null ? "" : " field '" + field + "'") + ": invalid JSON: " + e.getOriginalMessage());
    } catch (NoSuchFileException | FileNotFoundException e) {
      if (!Files.exists(file)) {
        throw new ConfigException(file + ": no such file");
      }
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read: " + e.getMessage());
    }
  }

  private static Map<String, Setting> readObject(JsonParser parser, Path file, Collection<String> validKeys)
      throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new ConfigException(file + " line " + parser.currentLocation().getLineNr()
          + ": expected a JSON object { \"key\": value, ... }");
    }
    Map<String, Setting> settings = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String origin = file + " line " + parser.currentLocation().getLineNr() + " field '" + key + "'";
      if (!validKeys.contains(key)) {
        throw new ConfigException(origin + ": unknown key"
            + NearestKey.nearest(key, validKeys).map(k -> "; did you mean '" + k + "'?").orElse(""));
      }
      JsonToken value = parser.nextToken();
      if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) {
        throw new ConfigException(origin + ": expected a string, number or boolean, got " + describe(value));
      }
      if (settings.put(key, new Setting(parser.getText(), origin)) != null) {
        throw new ConfigException(origin + ": key given twice");
      }
    }
    if (parser.nextToken() != null) {
      throw new ConfigException(file + " line " + parser.currentLocation().getLineNr()
          + ": unexpected content after the JSON object");
    }
    return settings;
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_NULL -> "null";
      default -> token.asString();
    };
  }

  private static String currentField(Object processor) {
    if (processor instanceof JsonParser p) {
      try {
        return p.currentName();
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
