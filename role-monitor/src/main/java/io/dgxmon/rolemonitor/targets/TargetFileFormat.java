package io.dgxmon.rolemonitor.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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

  /** Hand-built (with Jackson's string escaping): 10,000 nodes render in a few ms, not a few hundred. */
  public static String render(List<TargetGroup> groups) {
    StringBuilder out = new StringBuilder(256 * groups.size()).append('[');
    for (int i = 0; i < groups.size(); i++) {
      out.append(i == 0 ? "{\"targets\":[" : ",\n {\"targets\":[");
      List<String> targets = groups.get(i).targets();
      for (int t = 0; t < targets.size(); t++) {
        quote(out.append(t == 0 ? "" : ","), targets.get(t));
      }
      out.append("],\"labels\":{");
      for (Map.Entry<String, String> label : groups.get(i).labels().entrySet()) {
        quote(quote(out, label.getKey()).append(':'), label.getValue()).append(',');
      }
      quote(quote(out, MANAGED_LABEL).append(':'), MANAGED_VALUE).append("}}");
    }
    return out.append("]\n").toString();
  }

  private static StringBuilder quote(StringBuilder out, String value) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, out);
    return out.append('"');
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

  /**
   * The groups of a managed file's {@code content} (as {@link #render} wrote them, without the marker label), or an
   * empty list when it is not a managed file.
   */
  public static List<TargetGroup> groups(String content) {
    if (!isManaged(content)) {
      return List.of();
    }
    try {
      List<TargetGroup> groups = new java.util.ArrayList<>();
      for (JsonNode group : JSON.readTree(content)) {
        List<String> targets = new java.util.ArrayList<>();
        group.path("targets").forEach(t -> targets.add(t.asText()));
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        group.path("labels").fields().forEachRemaining(l -> labels.put(l.getKey(), l.getValue().asText()));
        labels.remove(MANAGED_LABEL);
        groups.add(new TargetGroup(targets, labels));
      }
      return groups;
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

}
