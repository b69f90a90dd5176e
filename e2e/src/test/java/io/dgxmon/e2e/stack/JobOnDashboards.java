package io.dgxmon.e2e.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.e2e.demo.DemoGuide;
import io.dgxmon.testkit.Prometheus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * What a Prometheus holding the stack's series must show about one running 2-GPU job of root's: the per-account and
 * per-user rules (rules.yml), the demo's example queries, and data for every Grafana panel query of docs/grafana
 * but those {@link DashboardExpectations#EMPTY_BY_DESIGN} lists.
 */
public final class JobOnDashboards {
  private JobOnDashboards() {}

  public static void assertShown(Prometheus prometheus, String jobId, String account, Duration within)
      throws IOException {
    // The per-account rules join the GPU series with the prolog's job info (rules.yml).
    prometheus.awaitQuery("dgxmon:account_gpus:sum{account=\"" + account + "\"} == 2", r -> r.size() == 1, within);
    prometheus.awaitQuery("dgxmon:user_gpus:sum{user=\"root\"} == 2", r -> r.size() == 1, within);
    for (DemoGuide.Example example : DemoGuide.EXAMPLES) {
      prometheus.awaitQuery(example.expr(), r -> !r.isEmpty(), within);
    }
    List<GrafanaQueries.Query> queries = GrafanaQueries.read(RepositoryRoot.get().resolve("docs/grafana"), jobId);
    assertFalse(queries.isEmpty(), "no queries found in docs/grafana");
    List<String> problems = DashboardExpectations.problems(queries, DashboardExpectations.Answers.of(prometheus, within));
    assertEquals(List.of(), problems, queries.size() + " dashboard queries while job " + jobId + " runs");
    assertTrue(new PrometheusApi(prometheus.url()).labelValues("jobid", "dgxmon_job_info").toString()
        .contains("\"" + jobId + "\""), "the job dashboard's variable query label_values(dgxmon_job_info, jobid)");
  }
}
