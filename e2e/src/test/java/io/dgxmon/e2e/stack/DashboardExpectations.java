package io.dgxmon.e2e.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgxmon.testkit.Prometheus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the whole-loop scenario expects of every Grafana panel query while its job runs: data, so that a metric or
 * label renamed in the exporter or a dashboard fails the test, except the few panels listed with the reason why the
 * scenario gives them nothing.
 */
public final class DashboardExpectations {
  /** Panel queries, as written in docs/grafana, that the scenario leaves empty, each with the reason. */
  public static final Map<String, String> EMPTY_BY_DESIGN = Map.of(
      "dgxmon:job_gpu_utilization_percent:avg < 10",
      "no job is idle: the stub reports 20 % or more on every GPU (StackFiles.gpuUtilPercent)",
      "dgxmon_role_monitor_nodes",
      "the stack runs the role monitor with --once; its daemon's :9489 targets in the sample config"
          + " (bcm-head-01, bcm-head-02) do not exist here",
      "max without (hpc_job) (DCGM_FI_DEV_XID_ERRORS) > 0",
      "the stub's scenario raises no XID, so every GPU's last XID is 0",
      "DCGM_FI_PROF_PIPE_TENSOR_ACTIVE{hpc_job=\"$jobid\"}",
      "the stub's GPUs do not support GPM (Hopper profiling), so there is no DCGM_FI_PROF_* series");

  private DashboardExpectations() {}

  /** How Prometheus answers a query: once, or polled until it has data (then it throws if it never does). */
  public interface Answers {
    JsonNode now(String expr);

    JsonNode awaitData(String expr);

    /** {@code prometheus}'s answers, waiting up to {@code within} for data. */
    static Answers of(Prometheus prometheus, Duration within) {
      return new Answers() {
        @Override
        public JsonNode now(String expr) {
          return prometheus.query(expr);
        }

        @Override
        public JsonNode awaitData(String expr) {
          return prometheus.awaitQuery(expr, r -> !r.isEmpty(), within);
        }
      };
    }
  }

  /** Every way the dashboards disagree with the scenario, one line each; empty when all is as expected. */
  public static List<String> problems(List<GrafanaQueries.Query> queries, Answers answers) {
    List<String> problems = new ArrayList<>();
    Set<String> unseen = new TreeSet<>(EMPTY_BY_DESIGN.keySet());
    for (GrafanaQueries.Query query : queries) {
      unseen.remove(query.written());
      String problem = problem(query, answers);
      if (problem != null) {
        problems.add(query.dashboard() + ": " + query.expr() + " -> " + problem);
      }
    }
    unseen.forEach(expr -> problems.add(expr + " -> listed as empty by design but no dashboard has it any more"));
    return problems;
  }

  private static String problem(GrafanaQueries.Query query, Answers answers) {
    boolean emptyByDesign = EMPTY_BY_DESIGN.containsKey(query.written());
    try {
      JsonNode result = answers.now(query.expr());
      if (emptyByDesign) {
        return result.isEmpty() ? null : "has data, yet is listed as empty by design (" + result + ")";
      }
      if (result.isEmpty()) {
        answers.awaitData(query.expr());
      }
      return null;
    } catch (IllegalStateException e) {
      return "error: " + e.getMessage();
    } catch (AssertionError e) {
      return "no data while the job runs (" + e.getMessage() + ")";
    }
  }
}
