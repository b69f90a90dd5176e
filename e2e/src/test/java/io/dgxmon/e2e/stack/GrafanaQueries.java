package io.dgxmon.e2e.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Every PromQL {@code expr} of the Grafana dashboards under {@code docs/grafana}, with the job variable filled in. */
public final class GrafanaQueries {
  private static final ObjectMapper JSON = new ObjectMapper();

  private GrafanaQueries() {}

  /** One panel query: the dashboard file it came from, its expression as written there and as filled in. */
  public record Query(String dashboard, String written, String expr) {}

  public static List<Query> read(Path grafanaDir, String jobId) throws IOException {
    List<Query> queries = new ArrayList<>();
    try (Stream<Path> files = Files.list(grafanaDir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        collect(JSON.readTree(file.toFile()), file.getFileName().toString(), jobId, queries);
      }
    }
    return queries;
  }

  /** Grafana's variables as a dashboard would fill them for one job over the last few minutes. */
  static String fill(String expr, String jobId) {
    return expr.replace("${jobid}", jobId).replace("$jobid", jobId)
        .replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "5m");
  }

  private static void collect(JsonNode node, String dashboard, String jobId, List<Query> out) {
    if (node.isObject() && node.path("expr").isTextual()) {
      String written = node.get("expr").asText();
      out.add(new Query(dashboard, written, fill(written, jobId)));
    }
    node.forEach(child -> collect(child, dashboard, jobId, out));
  }
}
