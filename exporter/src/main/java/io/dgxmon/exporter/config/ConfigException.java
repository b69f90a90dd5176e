package io.dgxmon.exporter.config;

/** A configuration problem; the message is one line naming the source (flag, or file and line), field and value. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
