package io.dgxmon.rolemonitor.config;

import java.util.List;

/** A configuration file the monitor refuses; the message names the file and every problem with its field path. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String file, List<String> problems) {
    super(file + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
  }
}
