package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusIT {
  private static final Duration DISCOVERY = Duration.ofSeconds(15);
  private static final String METRICS = """
      # HELP dgxmon_test_value A value the test serves.
      # TYPE dgxmon_test_value gauge
      dgxmon_test_value 42
      """;

  @TempDir Path tmp;
  private HttpServer exporter;

  @BeforeEach
  void serveMetrics() throws IOException {
    exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    exporter.createContext("/metrics", exchange -> {
      byte[] body = METRICS.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    exporter.start();
  }

  @AfterEach
  void stopExporter() {
    exporter.stop(0);
  }

  @Test
  void targetFileAddsAndRemovesAScrapedTarget() {
    try (Prometheus prometheus = Prometheus.start(tmp)) {
      String target = "127.0.0.1:" + exporter.getAddress().getPort();
      prometheus.writeTargets("node1", List.of(target), Map.of("node", "n1"));

      var up = prometheus.awaitQuery("up{node=\"n1\"} == 1", r -> r.size() == 1, DISCOVERY);
      assertEquals("dgxmon", up.get(0).path("metric").path("job").asText());
      var value = prometheus.awaitQuery("dgxmon_test_value{node=\"n1\"}", r -> r.size() == 1, DISCOVERY);
      assertEquals("42", value.get(0).path("value").get(1).asText());

      prometheus.removeTargets("node1");
      prometheus.awaitTargets(targets -> targets.isEmpty(), DISCOVERY);
    }
  }

  @Test
  void promtoolChecksTheConfigAndMetrics() {
    try (Prometheus prometheus = Prometheus.start(tmp)) {
      ProcessResult config = Promtool.run(null, "check", "config", prometheus.configFile().toString());
      assertEquals(0, config.exitCode(), config.stdout() + config.stderr());

      assertEquals(0, Promtool.run(METRICS, "check", "metrics").exitCode());
      ProcessResult bad = Promtool.run("# TYPE bad_metric counter\nbad_metric 1\n", "check", "metrics");
      assertEquals(3, bad.exitCode());
      assertTrue((bad.stdout() + bad.stderr()).contains("_total"), bad.stdout() + bad.stderr());
    }
  }

  @Test
  void callerConfigGetsTheFileSdDirAndReloads() {
    String yml = """
        global: {scrape_interval: 5s}
        scrape_configs:
          - job_name: custom
            file_sd_configs: [{files: ['${FILE_SD_DIR}/*.json']}]
        """;
    try (Prometheus prometheus = Prometheus.start(tmp, yml)) {
      String written = TextFiles.read(prometheus.configFile());
      assertTrue(written.contains(prometheus.fileSdDir() + "/*.json"), written);
      assertTrue(prometheus.url().toString().startsWith("http://127.0.0.1:"));
      assertEquals(1, prometheus.query("vector(1)").get(0).path("value").get(1).asInt());

      String port = Integer.toString(exporter.getAddress().getPort());
      TextFiles.write(prometheus.configFile(), """
          global: {scrape_interval: 1s}
          scrape_configs:
            - job_name: renamed
              static_configs: [{targets: ['127.0.0.1:PORT']}]
          """.replace("PORT", port));
      prometheus.reload();
      prometheus.awaitQuery("up{job=\"renamed\"} == 1", r -> r.size() == 1, DISCOVERY);
    }
  }
}
