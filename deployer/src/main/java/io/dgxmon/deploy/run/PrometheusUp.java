package io.dgxmon.deploy.run;

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

/** Asks a Prometheus server whether it scrapes an instance successfully ({@code up == 1}). */
public final class PrometheusUp {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  public PrometheusUp(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /** Null when some series {@code up{instance="<instance>"}} is 1, else the reason. */
  public String check(String instance) throws InterruptedException {
    String query = "up{instance=\"" + instance + "\"}";
    URI uri = URI.create(baseUrl + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode result = new ObjectMapper().readTree(r.body()).path("data").path("result");
      for (JsonNode series : result) {
        if ("1".equals(series.path("value").path(1).asText())) {
          return null;
        }
      }
      return "Prometheus " + baseUrl + " has no up==1 for " + instance + (result.isEmpty() ? " (not a target)" : "");
    } catch (IOException e) {
      return "cannot query Prometheus " + baseUrl + ": " + e.getMessage();
    }
  }
}
