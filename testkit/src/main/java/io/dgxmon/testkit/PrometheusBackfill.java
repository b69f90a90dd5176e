package io.dgxmon.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Fills a Prometheus data directory with history, through promtool: raw series from OpenMetrics text
 * ({@code tsdb create-blocks-from openmetrics}), then the recording rules of a rules file evaluated over that history
 * ({@code tsdb create-blocks-from rules}). promtool evaluates rules through a running Prometheus's API and so cannot
 * see the output of other rules it is backfilling; the rules are therefore backfilled one dependency level at a time,
 * with a restart in between so Prometheus loads the new blocks. Every level is written to the same file under the
 * same group name: a group's evaluation times are offset by a hash of both, and a level evaluated at other instants
 * than its inputs would see each input one interval late.
 */
public final class PrometheusBackfill {
  private static final Duration TIMEOUT = Duration.ofMinutes(5);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  private PrometheusBackfill() {}

  /** Writes the OpenMetrics text (ending in {@code # EOF}) as blocks into {@code workDir}'s data directory. */
  public static void openMetrics(Path workDir, String text) {
    Path input = workDir.resolve("backfill.om");
    TextFiles.write(input, text);
    TextFiles.createDirectories(workDir.resolve("data"));
    Promtool.run(null, "tsdb", "create-blocks-from", "openmetrics", input.toString(), workDir.resolve("data").toString())
        .assertSuccess("promtool tsdb create-blocks-from openmetrics");
  }

  /**
   * Backfills every recording rule of {@code rulesFile} between {@code start} and {@code end} at {@code interval},
   * level by level, and returns Prometheus running on {@code workDir} with {@code prometheusYml}.
   */
  public static Prometheus rules(Path workDir, String prometheusYml, Path rulesFile, Instant start, Instant end,
      Duration interval) {
    List<List<JsonNode>> levels = levels(rulesFile);
    for (int level = 0; level < levels.size(); level++) {
      Path file = workDir.resolve("backfill-rules.yml");
      Path out = workDir.resolve("backfill-blocks-" + level);
      writeGroup(file, levels.get(level), interval);
      try (Prometheus prometheus = Prometheus.start(workDir, prometheusYml)) {
        Processes.run(TIMEOUT, Map.of(), List.of(RequiredTool.require("promtool", "prometheus").toString(), "tsdb",
            "create-blocks-from", "rules", "--quiet", "--url=" + prometheus.url(), "--start=" + start.getEpochSecond(),
            "--end=" + end.getEpochSecond(), "--eval-interval=" + interval.toSeconds() + "s",
            "--output-dir=" + out, file.toString()), null)
            .assertSuccess("promtool tsdb create-blocks-from rules (level " + level + ")");
      }
      moveBlocks(out, workDir.resolve("data"));
    }
    return Prometheus.start(workDir, prometheusYml);
  }

  /** The recording rules grouped so that each rule's inputs are raw series or rules of an earlier level. */
  static List<List<JsonNode>> levels(Path rulesFile) {
    Map<String, JsonNode> rules = new LinkedHashMap<>();
    try {
      for (JsonNode group : YAML.readTree(rulesFile.toFile()).path("groups")) {
        for (JsonNode rule : group.path("rules")) {
          if (rule.has("record")) {
            rules.put(rule.get("record").asText(), rule);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rules " + rulesFile, e);
    }
    Map<String, Integer> level = new LinkedHashMap<>();
    rules.keySet().forEach(name -> levelOf(name, rules, level));
    List<List<JsonNode>> levels = new ArrayList<>();
    level.forEach((name, l) -> {
      while (levels.size() <= l) {
        levels.add(new ArrayList<>());
      }
      levels.get(l).add(rules.get(name));
    });
    return levels;
  }

  private static int levelOf(String name, Map<String, JsonNode> rules, Map<String, Integer> level) {
    Integer known = level.get(name);
    if (known != null) {
      return known;
    }
    String expr = rules.get(name).path("expr").asText();
    int l = 0;
    for (String other : rules.keySet()) {
      if (!other.equals(name) && mentions(expr, other)) {
        l = Math.max(l, levelOf(other, rules, level) + 1);
      }
    }
    level.put(name, l);
    return l;
  }

  /** Whether {@code expr} names the metric {@code name} as a whole word (not as a prefix of a longer name). */
  private static boolean mentions(String expr, String name) {
    for (int i = expr.indexOf(name); i >= 0; i = expr.indexOf(name, i + 1)) {
      int after = i + name.length();
      boolean startOk = i == 0 || !isNameChar(expr.charAt(i - 1));
      boolean endOk = after == expr.length() || !isNameChar(expr.charAt(after));
      if (startOk && endOk) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }

  private static void writeGroup(Path file, List<JsonNode> rules, Duration interval) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode group = root.putArray("groups").addObject().put("name", "backfill")
        .put("interval", interval.toSeconds() + "s");
    ArrayNode list = group.putArray("rules");
    rules.forEach(list::add);
    TextFiles.write(file, root.toPrettyString());
  }

  private static void moveBlocks(Path from, Path dataDir) {
    try (Stream<Path> blocks = Files.list(from)) {
      for (Path block : blocks.filter(Files::isDirectory).toList()) {
        Files.move(block, dataDir.resolve(block.getFileName()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move backfilled blocks from " + from, e);
    }
  }
}
