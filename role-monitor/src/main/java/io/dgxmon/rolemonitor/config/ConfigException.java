package io.dgxmon.rolemonitor.config;

/** A configuration file the monitor refuses, with the file, the field path and what was expected. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
