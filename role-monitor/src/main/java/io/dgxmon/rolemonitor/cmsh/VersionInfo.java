package io.dgxmon.rolemonitor.cmsh;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What {@code main; versioninfo} printed, as (field, value) pairs in order. It ends the script, so an
 * answer that has it ran to the end. Its layout is not documented; any key/value lines with at least one
 * version number ({@code 10.23.12}) are accepted.
 */
public record VersionInfo(List<Map.Entry<String, String>> fields) {
  static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)+");

  public VersionInfo {
    fields = List.copyOf(fields);
  }

  /** The cluster manager's version: the "Cluster Manager" field, else the first version-like value. */
  public String clusterManager() {
    return fields.stream().filter(f -> f.getKey().equalsIgnoreCase("Cluster Manager")).map(Map.Entry::getValue)
        .findFirst()
        .orElseGet(() -> fields.stream().map(Map.Entry::getValue).filter(v -> VERSION.matcher(v).find())
            .findFirst().orElse("unknown"));
  }

  /** One line per field, {@code key: value}. */
  public String text() {
    StringBuilder out = new StringBuilder();
    fields.forEach(f -> out.append(f.getKey()).append(": ").append(f.getValue()).append('\n'));
    return out.toString();
  }
}
