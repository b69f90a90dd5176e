package io.dgxmon.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routes, methods, basic auth, headers and reload of one in-process listener. */
class WebServerTest {
  /** bcrypt cost 4 of "secret" (cheap on purpose: tests run many checks). */
  static final String SECRET_HASH = "$2y$04$pi3nKkJfgEC07WdTpPBbDe1koCmnkkHv5ovuHQkB.8QP3icknNc8a";

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<String> log = new ArrayList<>();

  private WebServer start(LiveWebConfig webConfig) throws IOException {
    return WebServer.start("test", new InetSocketAddress("127.0.6.1", 0),
        Map.of("/metrics", new MetricsEndpoint(new PrometheusRegistry()),
            "/", new LandingPage("t", List.of("/metrics"))), webConfig, HttpLimits.DEFAULT);
  }

  private HttpResponse<String> send(WebServer server, String method, String path, String user, String password)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.6.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aListenerThatCannotBeSetUpFailsWithIoExceptionAndLeavesThePortFree() throws Exception {
    Map<String, com.sun.net.httpserver.HttpHandler> broken = new java.util.HashMap<>();
    broken.put("/metrics", null); // fails after the bind (Routes copies the map)
    int port;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.6.1"))) {
      port = probe.getLocalPort();
    }
    InetSocketAddress address = new InetSocketAddress("127.0.6.1", port);
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> WebServer.start("test", address, broken, LiveWebConfig.none(), HttpLimits.DEFAULT));
    assertTrue(e.getMessage().startsWith("cannot set up the listener on "), e.getMessage());
    try (WebServer server = WebServer.start("test", address, Map.of("/metrics",
        new MetricsEndpoint(new PrometheusRegistry())), LiveWebConfig.none(), HttpLimits.DEFAULT)) {
      assertEquals(port, server.port(), "the failed start left the port bound");
    }
  }

  @Test
  void answersOnlyItsPathsAndOnlyGetAndHead() throws Exception {
    try (WebServer server = start(LiveWebConfig.none())) {
      assertEquals(200, send(server, "GET", "/metrics", null, null).statusCode());
      assertEquals(200, send(server, "HEAD", "/metrics", null, null).statusCode());
      assertTrue(send(server, "GET", "/", null, null).body().contains("href=\"/metrics\""));
      for (String path : List.of("/foo", "/metrics/", "/metricsx", "/../../etc/passwd", "/%2e%2e/etc/passwd")) {
        HttpResponse<String> answer = send(server, "GET", path, null, null);
        assertEquals(404, answer.statusCode(), path);
        assertTrue(answer.body().startsWith("not found"), path + ": " + answer.body());
      }
      for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS", "PATCH")) {
        HttpResponse<String> answer = send(server, method, "/metrics", null, null);
        assertEquals(405, answer.statusCode(), method);
        assertEquals("GET, HEAD", answer.headers().firstValue("Allow").orElse(null), method);
      }
    }
  }

  @Test
  void basicAuthAndHeadersFromTheWebConfigAndReloadedWhenTheFileChanges() throws Exception {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, "basic_auth_users:\n  prometheus: '" + SECRET_HASH + "'\n"
        + "http_server_config:\n  headers:\n    X-Frame-Options: deny\n");
    try (WebServer server = start(LiveWebConfig.load(file, log::add))) {
      HttpResponse<String> anonymous = send(server, "GET", "/metrics", null, null);
      assertEquals(401, anonymous.statusCode());
      assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "));
      assertEquals("deny", anonymous.headers().firstValue("X-Frame-Options").orElse(null));
      assertEquals(401, send(server, "GET", "/metrics", "prometheus", "wrong").statusCode());
      assertEquals(401, send(server, "GET", "/metrics", "nobody", "secret").statusCode());
      assertEquals(401, send(server, "GET", "/foo", null, null).statusCode(), "authentication before routing");
      HttpResponse<String> ok = send(server, "GET", "/metrics", "prometheus", "secret");
      assertEquals(200, ok.statusCode());
      assertEquals("deny", ok.headers().firstValue("X-Frame-Options").orElse(null));

      Files.writeString(file, "basic_auth_users:\n  grafana: '" + SECRET_HASH + "'\n");
      Thread.sleep(1_100);
      assertEquals(401, send(server, "GET", "/metrics", "prometheus", "secret").statusCode());
      HttpResponse<String> reloaded = send(server, "GET", "/metrics", "grafana", "secret");
      assertEquals(200, reloaded.statusCode());
      assertNull(reloaded.headers().firstValue("X-Frame-Options").orElse(null));
      assertEquals(List.of("web config " + file + " reloaded"), log);

      Files.writeString(file, "basic_auth_users:\n  grafana: 'not-a-hash'\n");
      Thread.sleep(1_100);
      assertEquals(200, send(server, "GET", "/metrics", "grafana", "secret").statusCode(), "last good stays");
      assertEquals(2, log.size(), log.toString());
      assertTrue(log.get(1).contains("basic_auth_users.grafana"), log.get(1));
    }
  }
}
