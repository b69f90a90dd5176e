package io.dgxmon.rolemonitor.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of a {@code <hostname>.json} file: one target group per line, deterministic, so "content
 * changed" is a string comparison. Each group carries the hidden label {@value #MANAGED_LABEL}: it marks the
 * file as written by a dgxmon role monitor (any instance, e.g. on the other head node), and Prometheus
 * drops {@code __}-labels after relabelling, so scraped series never see it.
 */
public final class TargetFileFormat {
  public static final String MANAGED_LABEL = "__meta_dgxmon_managed_by";
  public static final String MANAGED_VALUE = "dgxmon-role-monitor";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TargetFileFormat() {}

  public static String render(List<TargetGroup> groups) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < groups.size(); i++) {
      Map<String, String> labels = new LinkedHashMap<>(groups.get(i).labels());
      labels.put(MANAGED_LABEL, MANAGED_VALUE);
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("targets", groups.get(i).targets());
      group.put("labels", labels);
      out.append(i == 0 ? "" : ",\n ").append(write(group));
    }
    return out.append("]\n").toString();
  }

  /** Whether {@code content} is a target file some dgxmon role monitor wrote (every group carries the marker). */
  public static boolean isManaged(String content) {
    try {
      JsonNode root = JSON.readTree(content);
      if (root == null || !root.isArray() || root.isEmpty()) {
        return false;
      }
      for (JsonNode group : root) {
        if (!MANAGED_VALUE.equals(group.path("labels").path(MANAGED_LABEL).asText(null))) {
          return false;
        }
      }
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
