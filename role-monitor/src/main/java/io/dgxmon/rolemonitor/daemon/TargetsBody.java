package io.dgxmon.rolemonitor.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.rolemonitor.targets.TargetGroup;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The {@code /targets} body: every node's groups as one http_sd JSON array, rendered when a cycle changes them and
 * then served as the very same bytes, so N concurrent Prometheus servers cost N socket writes, not N renderings of
 * a multi-MiB document. Null until the first cycle that read cmsh successfully.
 */
final class TargetsBody {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Rendered(List<TargetGroup> groups, byte[] json) {}

  private volatile Rendered current;

  /** Re-renders only when {@code groups} differ from the last ones. */
  void update(List<TargetGroup> groups) {
    Rendered last = current;
    if (last != null && last.groups().equals(groups)) {
      return;
    }
    try {
      current = new Rendered(List.copyOf(groups), JSON.writeValueAsBytes(groups));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // records of strings always serialise
    }
  }

  /** The rendered body (never modify it), or null before the first successful cmsh answer. */
  byte[] json() {
    Rendered rendered = current;
    return rendered == null ? null : rendered.json();
  }
}
