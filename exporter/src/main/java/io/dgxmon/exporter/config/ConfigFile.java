package io.dgxmon.exporter.config;

import io.dgxmon.common.config.ConfigException;
import io.dgxmon.common.config.ConfigProblems;
import io.dgxmon.common.config.JsonConfigFile;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the exporter's JSON config file: one flat object whose keys are the option names without {@code --} and
 * whose values are strings, numbers or booleans, taken as the text a flag would carry so one set of checks
 * ({@link ConfigResolver}) serves flags and file alike.
 */
public final class ConfigFile {
  private ConfigFile() {}

  /**
   * Key → setting, each setting's origin being its key (the field path). Wrong types and unknown keys (with the
   * nearest valid key) are added to {@code problems}, so they are reported together with bad values and flags.
   *
   * @throws ConfigException when the file cannot be read or is not one JSON object
   */
  public static Map<String, Setting> read(Path file, Collection<String> validKeys, ConfigProblems problems)
      throws ConfigException {
    return JsonConfigFile.read(file, problems, top -> {
      Map<String, Setting> settings = new LinkedHashMap<>();
      for (String key : validKeys) {
        String text = top.scalarText(key);
        if (text != null) {
          settings.put(key, new Setting(text, top.fieldPath(key)));
        }
      }
      return settings;
    });
  }
}
