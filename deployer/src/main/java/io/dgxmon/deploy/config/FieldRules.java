package io.dgxmon.deploy.config;

import io.dgxmon.common.config.JsonFields;
import java.util.regex.Pattern;

/**
 * What a valid value of a deploy-config field looks like, in one place for the two that check answers: the
 * {@link ConfigReader} (reading a file) and the wizard (checking an answer before it becomes part of a file).
 */
public final class FieldRules {
  private FieldRules() {}

  /** A text value: a pattern, and what it means in words ("a user name"). */
  public record Text(Pattern pattern, String expected) {
    public String read(JsonFields f, String key, String def) {
      return f.matching(key, def, pattern, expected);
    }

    /** Null for a valid value, else the problem, worded as the config reader words it. */
    public String problem(String value) {
      return pattern.matcher(value).matches() ? null : "\"" + value + "\" is not " + expected;
    }
  }

  /** An integer value in {@code [min, max]}. */
  public record Range(int min, int max) {
    public int read(JsonFields f, String key, int def) {
      return f.integer(key, def, min, max);
    }

    /** Null for a valid answer (digits in range), else the problem, worded as the config reader words it. */
    public String problem(String answer) {
      boolean valid = answer.matches("\\d{1,9}") && Integer.parseInt(answer) >= min && Integer.parseInt(answer) <= max;
      return valid ? null : answer + " is not an integer in [" + min + ", " + max + "]";
    }
  }

  public static final Text CLUSTER = new Text(SafePaths.NAME,
      "a cluster name ([A-Za-z0-9_.-], at most 64, not \".\" or \"..\")");
  public static final Text SOFTWARE_IMAGE = new Text(SafePaths.NAME,
      "a software image name ([A-Za-z0-9_.-], at most 64, not \".\" or \"..\")");
  public static final Text CATEGORY = new Text(SafePaths.NAME,
      "a BCM category name ([A-Za-z0-9_.-], at most 64, not \".\" or \"..\")");
  public static final Text USER = new Text(Pattern.compile("[a-z_][a-z0-9_.-]{0,31}"), "a user name");
  public static final Text HOST = new Text(HostRange.HOST_NAME, "a host name");
  public static final Text HOME_PATH = new Text(SafePaths.ABSOLUTE_OR_HOME,
      "a path (absolute or ~/...; " + SafePaths.RULES + ")");
  public static final Text NVML_CHECK = new Text(Pattern.compile("require|warn|skip"),
      "\"require\", \"warn\" or \"skip\"");
  public static final Text EXPORTER_PRIVILEGES = new Text(Pattern.compile("minimal|profiling"),
      "\"minimal\" or \"profiling\"");
  public static final Text IPMI_TOOL = new Text(Pattern.compile("off|ipmitool|ipmi-dcmi"),
      "\"off\", \"ipmitool\" or \"ipmi-dcmi\"");
  public static final Text KUBERNETES_MODE = new Text(Pattern.compile("auto|on|off"), "\"auto\", \"on\" or \"off\"");
  public static final Range PORT = new Range(1, 65535);
  public static final Range CONCURRENCY = new Range(1, 1024);
}
