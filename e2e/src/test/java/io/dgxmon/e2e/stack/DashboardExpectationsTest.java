package io.dgxmon.e2e.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DashboardExpectationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode NO_DATA = JSON.createArrayNode();
  private static final JsonNode ONE_SERIES = ((ArrayNode) JSON.createArrayNode()).add(JSON.createObjectNode());

  /** Answers from a table: data for the queries in it, nothing for the rest, an error for "broken(". */
  private static final class FakePrometheus implements DashboardExpectations.Answers {
    final Map<String, JsonNode> results = new HashMap<>();

    @Override
    public JsonNode now(String expr) {
      if (expr.contains("broken(")) {
        throw new IllegalStateException("prometheus answered with HTTP 400 bad_data");
      }
      return results.getOrDefault(expr, NO_DATA);
    }

    @Override
    public JsonNode awaitData(String expr) {
      throw new AssertionError("timed out waiting for query " + expr);
    }
  }

  private final FakePrometheus prometheus = new FakePrometheus();
  private final List<GrafanaQueries.Query> queries = new ArrayList<>();

  private void panel(String written, boolean hasData) {
    queries.add(new GrafanaQueries.Query("d.json", written, written));
    if (hasData) {
      prometheus.results.put(written, ONE_SERIES);
    }
  }

  private void everyListedPanelEmpty() {
    DashboardExpectations.EMPTY_BY_DESIGN.keySet().forEach(expr -> panel(expr, false));
  }

  @Test
  void panelsWithDataAndTheListedEmptyOnesPass() {
    everyListedPanelEmpty();
    panel("DCGM_FI_DEV_GPU_UTIL", true);
    assertEquals(List.of(), DashboardExpectations.problems(queries, prometheus));
  }

  @Test
  void anUnlistedPanelWithoutDataFails() {
    everyListedPanelEmpty();
    panel("DCGM_FI_DEV_GPU_UTILISATION", false);
    List<String> problems = DashboardExpectations.problems(queries, prometheus);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("d.json: DCGM_FI_DEV_GPU_UTILISATION -> no data"), problems.get(0));
  }

  @Test
  void aQueryErrorFails() {
    everyListedPanelEmpty();
    panel("broken(up)", false);
    assertTrue(DashboardExpectations.problems(queries, prometheus).get(0).contains("-> error: prometheus answered"));
  }

  @Test
  void aListedPanelThatHasDataOrIsGoneFailsSoTheListStaysTrue() {
    String listed = DashboardExpectations.EMPTY_BY_DESIGN.keySet().iterator().next();
    panel(listed, true);
    List<String> problems = DashboardExpectations.problems(queries, prometheus);
    assertTrue(problems.get(0).contains("has data, yet is listed as empty by design"), problems.toString());
    assertEquals(DashboardExpectations.EMPTY_BY_DESIGN.size(), problems.size(), "the others are gone: " + problems);
  }

  @Test
  void everyListedPanelIsInTheShippedDashboards() throws IOException {
    List<String> written = GrafanaQueries.read(RepositoryRoot.get().resolve("docs/grafana"), "1").stream()
        .map(GrafanaQueries.Query::written).toList();
    DashboardExpectations.EMPTY_BY_DESIGN.keySet()
        .forEach(expr -> assertTrue(written.contains(expr), expr + " is in no dashboard of docs/grafana"));
  }
}
