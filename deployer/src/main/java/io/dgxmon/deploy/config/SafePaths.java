package io.dgxmon.deploy.config;

import io.dgxmon.common.config.JsonFields;
import java.util.regex.Pattern;

/**
 * Path-like config values: they end up in root shell commands, under target roots and in local file names, so each
 * segment is a plain name of safe characters. Never {@code .}, {@code ..} or an empty segment ({@code //}, a
 * trailing {@code /}), never a space or a control character: {@code softwareImage: ".."} would make the install
 * root {@code /cm}.
 */
final class SafePaths {
  /** One path segment or file name: safe characters, and not "." or "..". */
  static final String SEGMENT = "(?!\\.\\.?(?:/|$))[A-Za-z0-9._+@-]+";
  /** "/" or "/seg/seg...". */
  static final Pattern ABSOLUTE = Pattern.compile("/|(?:/" + SEGMENT + ")+");
  /** An absolute path or one under the home directory ("~/seg/..."). */
  static final Pattern ABSOLUTE_OR_HOME = Pattern.compile("~?(?:/" + SEGMENT + ")+");
  /** A single name ({@code cluster}, {@code softwareImage}): it becomes one path segment. */
  static final Pattern NAME = Pattern.compile("(?!\\.\\.?$)[A-Za-z0-9_.-]{1,64}");
  static final String RULES = "no '.', '..' or empty segments, no spaces or control characters";
  private static final String EXPECTED = "an absolute normalised path (/a/b; " + RULES + ")";

  private SafePaths() {}

  /** The path at {@code key}; "" (meaning "not set") is allowed. */
  static String absolutePath(JsonFields f, String key, String def) {
    return f.string(key, def, v -> v.isEmpty() || isSafeAbsolutePath(v), EXPECTED);
  }

  static boolean isSafeAbsolutePath(String v) {
    return ABSOLUTE.matcher(v).matches();
  }
}
