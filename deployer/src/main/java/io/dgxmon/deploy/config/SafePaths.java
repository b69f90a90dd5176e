package io.dgxmon.deploy.config;

import io.dgxmon.common.config.JsonFields;
import java.util.regex.Pattern;

/** Absolute, normalised paths of safe characters: they end up in shell commands and under target roots. */
final class SafePaths {
  private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._+@/-]*");
  private static final String EXPECTED = "an absolute normalised path (/a/b, no '..', '//' or spaces)";

  private SafePaths() {}

  /** The path at {@code key}; "" (meaning "not set") is allowed. */
  static String absolutePath(JsonFields f, String key, String def) {
    return f.string(key, def, v -> v.isEmpty() || isSafeAbsolutePath(v), EXPECTED);
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
}
