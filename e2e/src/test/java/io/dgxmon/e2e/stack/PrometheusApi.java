package io.dgxmon.e2e.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Prometheus's HTTP API for a server the test did not start itself, plus what the harness does not cover. */
public final class PrometheusApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final URI base;

  public PrometheusApi(URI base) {
    this.base = base;
  }

  @Override
  public String toString() {
    return base.toString();
  }

  /** The {@code data.result} array of an instant query. */
  public JsonNode query(String promql) {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
  }

  /** {@code data.groups} of /api/v1/rules: each rule with its health and last error. */
  public JsonNode ruleGroups() {
    return get("/api/v1/rules").path("groups");
  }

  /** Rule name -> health and last error, for each rule whose health is not "ok". */
  public Map<String, String> unhealthyRules() {
    Map<String, String> unhealthy = new TreeMap<>();
    for (JsonNode group : ruleGroups()) {
      for (JsonNode rule : group.path("rules")) {
        if (!"ok".equals(rule.path("health").asText())) {
          unhealthy.put(rule.path("name").asText(), rule.path("health").asText() + " " + rule.path("lastError").asText());
        }
      }
    }
    return unhealthy;
  }

  /** Values of {@code label} on the series matching {@code selector} (what Grafana's label_values() shows). */
  public JsonNode labelValues(String label, String selector) {
    return get("/api/v1/label/" + label + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
  }

  private JsonNode get(String pathAndQuery) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode answer = JSON.readTree(response.body());
      if (response.statusCode() != 200 || !"success".equals(answer.path("status").asText())) {
        throw new IllegalStateException("prometheus " + pathAndQuery + ": HTTP " + response.statusCode() + " "
            + response.body());
      }
      return answer.path("data");
    } catch (IOException e) {
      throw new IllegalStateException("prometheus " + pathAndQuery + " at " + base + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during prometheus " + pathAndQuery, e);
    }
  }
}
