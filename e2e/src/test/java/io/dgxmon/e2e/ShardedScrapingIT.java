package io.dgxmon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgxmon.e2e.stack.DemoJob;
import io.dgxmon.e2e.stack.DemoStack;
import io.dgxmon.e2e.stack.JobOnDashboards;
import io.dgxmon.e2e.stack.PrometheusApi;
import io.dgxmon.e2e.stack.RepositoryRoot;
import io.dgxmon.e2e.stack.StackPrometheusConfig;
import io.dgxmon.e2e.stack.VictoriaMetricsServer;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Prometheus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sharded scraping with the shipped configs (docs/prometheus/prometheus-shard.yml and prometheus-receiver.yml): two
 * Prometheus agents, shards 0 and 1 of 2, share out the demo stack's targets (the role monitor's files) and
 * remote-write into one receiving Prometheus that runs the rules, and into Debian's single-node VictoriaMetrics as a
 * second store. The stack's own single Prometheus (the sample prometheus.yml, same targets) is the reference for
 * what every target and series should be.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShardedScrapingIT {
  private static final int SHARDS = 2;
  private static final Duration TIMEOUT = Duration.ofSeconds(45);
  /** Every scrape job of the shard config, node_exporter included (nothing listens there: its targets are down). */
  private static final String JOBS = "dcgm_exporter|gpu_exporter|cgroup_exporter|node_exporter";
  /** Samples of one target's `up` in this window: 1 s interval, so about 10; twice that if two shards scraped it. */
  private static final String UP_WINDOW = "10s";
  private static final int MAX_SAMPLES_IN_WINDOW = 12;

  @TempDir static Path tmp;
  private DemoStack stack;
  private Prometheus receiver;
  private VictoriaMetricsServer victoria;
  private final List<Prometheus> shards = new ArrayList<>();

  @BeforeAll
  void start() throws IOException {
    stack = DemoStack.start(tmp.resolve("stack"), line -> System.out.println("[ShardedScrapingIT] " + line));
    Path docs = RepositoryRoot.get().resolve("docs/prometheus");
    receiver = Prometheus.start(tmp.resolve("receiver"), StackPrometheusConfig.receiver(
        Files.readString(docs.resolve("prometheus-receiver.yml")), docs.resolve("rules.yml")), Prometheus.Mode.RECEIVER);
    victoria = VictoriaMetricsServer.start(tmp.resolve("victoria-metrics"));
    String shardYml = Files.readString(docs.resolve("prometheus-shard.yml"));
    for (int k = 0; k < SHARDS; k++) {
      shards.add(Prometheus.start(tmp.resolve("shard-" + k), StackPrometheusConfig.shard(shardYml, k, SHARDS,
          stack.layout().targetsDir(), List.of(receiver.remoteWriteUrl(), victoria.remoteWriteUrl())),
          Prometheus.Mode.AGENT));
    }
  }

  @AfterAll
  void stop() {
    shards.forEach(Prometheus::close);
    if (victoria != null) {
      victoria.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void everyTargetIsScrapedByExactlyOneShard() {
    stack.awaitTargetsUp(stack.topology().nodes().size());
    Set<String> all = targets(stack.prometheus());
    assertEquals(4 * stack.topology().nodes().size(), all.size(), "the single server's targets: " + all);
    List<Set<String>> split = awaitSplit(all);
    for (int k = 0; k < SHARDS; k++) {
      for (int j = k + 1; j < SHARDS; j++) {
        Set<String> both = new TreeSet<>(split.get(k));
        both.retainAll(split.get(j));
        assertEquals(Set.of(), both, "targets of shards " + k + " and " + j);
      }
    }
    System.out.println("[ShardedScrapingIT] targets per shard: " + split.stream().map(Set::size).toList());
  }

  @Test
  @Order(2)
  void everySeriesArrivesOnceInEachStore() {
    String perJob = "count by (job) ({job=~\"" + JOBS + "\"})";
    Map<String, Integer> expected = countsByJob(stack.prometheus().query(perJob));
    int targets = targets(stack.prometheus()).size();
    System.out.println("[ShardedScrapingIT] series per job on " + stack.topology().nodes().size() + " nodes: " + expected);
    for (PrometheusApi store : List.of(new PrometheusApi(receiver.url()), new PrometheusApi(victoria.url()))) {
      Await.until(store + ": " + UP_WINDOW + " of every target's up", TIMEOUT, () -> store.query(
          "count_over_time(up{job=~\"" + JOBS + "\"}[" + UP_WINDOW + "]) >= 8"), r -> r.size() == targets);
      store.query("count_over_time(up{job=~\"" + JOBS + "\"}[" + UP_WINDOW + "])").forEach(s -> assertTrue(
          s.path("value").get(1).asInt() <= MAX_SAMPLES_IN_WINDOW,
          store + ": one target's up, sampled more often than one scraper would: " + s));
      // The same series, one for one, as the single server scraping the same targets has.
      Await.until(store + ": series per job equal to the single server's " + expected, TIMEOUT,
          () -> countsByJob(store.query(perJob)), expected::equals);
    }
  }

  @Test
  @Order(3)
  void rulesAndDashboardsEvaluateOnTheReceivingSide() throws IOException {
    try (DemoJob job = DemoJob.start(stack.slurm(), stack.topology().nodes().get(0), "proja")) {
      JobOnDashboards.assertShown(receiver, job.id(), "proja", TIMEOUT);
    }
    Await.until("every rule on the receiver healthy", TIMEOUT, new PrometheusApi(receiver.url())::unhealthyRules,
        Map::isEmpty);
  }

  @Test
  @Order(4)
  void aRestartedShardTakesBackEveryOneOfItsTargets() {
    Set<String> all = targets(stack.prometheus());
    List<Set<String>> before = awaitSplit(all);
    int busiest = before.get(0).size() >= before.get(1).size() ? 0 : 1;
    Instant restarted = Instant.now();
    shards.get(busiest).restart();
    List<Set<String>> after = awaitSplit(all);
    assertEquals(before, after, "each shard's targets before and after restarting shard " + busiest);
    // Fresh samples at the receiver from every target of the restarted shard.
    String fresh = "timestamp(up{job=~\"" + JOBS + "\"}) > " + (restarted.toEpochMilli() / 1000.0 + 1);
    receiver.awaitQuery(fresh, r -> instances(r).containsAll(before.get(busiest)), TIMEOUT);
  }

  /** Waits until the shards' targets together are {@code all}; returns each shard's set (job/address). */
  private List<Set<String>> awaitSplit(Set<String> all) {
    return Await.until("the shards' targets to add up to " + all, TIMEOUT, () -> shards.stream()
        .map(ShardedScrapingIT::targets).toList(), split -> {
          List<String> union = split.stream().flatMap(Set::stream).sorted().toList();
          return union.equals(List.copyOf(all));
        });
  }

  /** job/address of every active target of {@code prometheus} in one of {@link #JOBS}. */
  private static Set<String> targets(Prometheus prometheus) {
    Set<String> targets = new TreeSet<>();
    prometheus.activeTargets().forEach(t -> {
      String job = t.path("labels").path("job").asText();
      if (job.matches(JOBS)) {
        targets.add(job + "/" + t.path("labels").path("instance").asText());
      }
    });
    return targets;
  }

  private static Set<String> instances(JsonNode result) {
    Set<String> instances = new HashSet<>();
    result.forEach(s -> instances.add(s.path("metric").path("job").asText() + "/"
        + s.path("metric").path("instance").asText()));
    return instances;
  }

  private static Map<String, Integer> countsByJob(JsonNode result) {
    Map<String, Integer> counts = new TreeMap<>();
    result.forEach(s -> counts.put(s.path("metric").path("job").asText(), s.path("value").get(1).asInt()));
    return counts;
  }
}
