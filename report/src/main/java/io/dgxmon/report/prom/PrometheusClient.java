package io.dgxmon.report.prom;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Instant queries against Prometheus's HTTP API ({@code /api/v1/query}), with optional basic auth and TLS. The
 * password never appears in an error message: errors name the URL path and the HTTP status only.
 */
public final class PrometheusClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ERROR_BODY = 300;

  private final URI base;
  private final HttpClient http;
  private final Optional<String> authorization;
  private final Duration timeout;

  /** {@code tls} empty: the JDK's default trust; {@code user} empty: no basic auth. */
  public PrometheusClient(URI base, Optional<SSLContext> tls, Optional<BasicAuth> auth, Duration timeout) {
    this.base = base.getPath().endsWith("/") ? base : URI.create(base + "/");
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(timeout);
    tls.ifPresent(builder::sslContext);
    this.http = builder.build();
    this.authorization = auth.map(BasicAuth::header);
    this.timeout = timeout;
  }

  /** Basic auth credentials; {@link #toString} hides the password. */
  public record BasicAuth(String user, String password) {
    String header() {
      return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
      return "BasicAuth[user=" + user + "]";
    }
  }

  public URI base() {
    return base;
  }

  /** The instant vector {@code promql} evaluates to at {@code time}; a scalar answer becomes one sample. */
  public List<Sample> vector(String promql, Instant time) throws PrometheusException {
    JsonNode data = query(promql, time);
    List<Sample> samples = new ArrayList<>();
    if ("scalar".equals(data.path("resultType").asText())) {
      samples.add(new Sample(Map.of(), value(data.path("result"))));
      return samples;
    }
    requireType(data, "vector", promql);
    for (JsonNode series : data.path("result")) {
      samples.add(new Sample(labels(series.path("metric")), value(series.path("value"))));
    }
    return samples;
  }

  /** The raw samples of the range selector {@code promql} (e.g. {@code x[1h]}) ending at {@code time}. */
  public List<RangeSeries> matrix(String promql, Instant time) throws PrometheusException {
    JsonNode data = query(promql, time);
    requireType(data, "matrix", promql);
    List<RangeSeries> result = new ArrayList<>();
    for (JsonNode series : data.path("result")) {
      List<RangeSeries.Point> points = new ArrayList<>();
      for (JsonNode pair : series.path("values")) {
        points.add(new RangeSeries.Point(pair.get(0).asDouble(), value(pair)));
      }
      result.add(new RangeSeries(labels(series.path("metric")), points));
    }
    return result;
  }

  private JsonNode query(String promql, Instant time) throws PrometheusException {
    String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
        + "&time=" + time.getEpochSecond() + "." + String.format("%03d", time.getNano() / 1_000_000);
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("api/v1/query")).timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    authorization.ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new PrometheusException("cannot reach Prometheus at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PrometheusException("interrupted while asking Prometheus at " + base, e);
    }
    return data(response, promql);
  }

  private JsonNode data(HttpResponse<String> response, String promql) throws PrometheusException {
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      throw new PrometheusException("Prometheus at " + base + " answered HTTP " + response.statusCode()
          + ": check --basic-auth-user and the password (--basic-auth-password-file or DGXMON_PROMETHEUS_PASSWORD)");
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(response.body());
    } catch (IOException e) {
      answer = null;
    }
    if (response.statusCode() != 200 || answer == null || !"success".equals(answer.path("status").asText())) {
      String why = answer == null ? abbreviate(response.body()) : answer.path("error").asText(abbreviate(response.body()));
      throw new PrometheusException("Prometheus at " + base + " answered HTTP " + response.statusCode()
          + " to " + promql + ": " + why);
    }
    return answer.path("data");
  }

  private static void requireType(JsonNode data, String type, String promql) throws PrometheusException {
    if (!type.equals(data.path("resultType").asText())) {
      throw new PrometheusException("expected a " + type + " from " + promql + ", got " + data.path("resultType"));
    }
  }

  private static Map<String, String> labels(JsonNode metric) {
    Map<String, String> labels = new LinkedHashMap<>();
    metric.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** Prometheus writes values as strings, including "NaN" and "+Inf". */
  private static double value(JsonNode pair) {
    return Double.parseDouble(pair.get(1).asText().replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
  }

  private static String abbreviate(String body) {
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_ERROR_BODY ? oneLine : oneLine.substring(0, MAX_ERROR_BODY) + "...";
  }
}
