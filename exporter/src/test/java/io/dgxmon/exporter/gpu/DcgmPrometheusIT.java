package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.dgxmon.exporter.dcgm.DcgmExporterSamples;
import io.dgxmon.exporter.dcgm.DcgmExporterSamples.CsvRow;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Prometheus;
import io.dgxmon.testkit.nvml.NvmlScenario;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scraping :9400 (the exporter in a child JVM on the NVML stub) with its own default {@code Accept}:
 * the scrape works, and its metadata API types dcgm's counters {@code counter} and the rest {@code gauge}, with
 * dcgm-exporter's help texts (sample: default-counters.csv).
 */
class DcgmPrometheusIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final List<String> COUNTERS = List.of("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION",
      "DCGM_FI_DEV_PCIE_REPLAY_COUNTER", "DCGM_FI_DEV_NVLINK_BANDWIDTH_TOTAL",
      "DCGM_FI_DEV_UNCORRECTABLE_REMAPPED_ROWS", "DCGM_FI_DEV_CORRECTABLE_REMAPPED_ROWS");

  @TempDir Path dir;

  @Test
  void prometheusScrapesWithItsDefaultAcceptAndStoresDcgmTypes() throws Exception {
    Path stub = NvmlStub.build(dir.resolve("stub"));
    Path scenario = NvmlScenario.gpus(2).writeTo(dir.resolve("scenario.txt"));
    AtomicReference<String> accept = new AtomicReference<>();
    HttpServer recorder = HttpServer.create(new InetSocketAddress("127.0.2.1", 0), 8);
    recorder.createContext("/metrics", exchange -> {
      accept.set(exchange.getRequestHeaders().getFirst("Accept"));
      byte[] body = "recorder_up 1\n".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    recorder.start();
    List<String> args = List.of("--dcgm.listen-address", "127.0.2.1:0", "--gpu.listen-address", "off",
        "--cgroup.listen-address", "off", "--nvml.library", stub.toString(), "--hostname", "node1",
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--mig-map-file", dir.resolve("mig-uuids").toString());
    try (ExporterProcess exporter = ExporterProcess.start(dir, scenario, List.of("-Xmx64m"), null, args, 1)) {
      String yml = """
          global: {scrape_interval: 1s, evaluation_interval: 1s}
          scrape_configs:
            - job_name: dcgm
              static_configs: [{targets: ['127.0.2.1:%d']}]
            - job_name: recorder
              static_configs: [{targets: ['127.0.2.1:%d']}]
          """.formatted(exporter.port("dcgm"), recorder.getAddress().getPort());
      try (Prometheus prometheus = Prometheus.start(dir.resolve("prometheus"), yml)) {
        prometheus.awaitQuery("up{job=\"dcgm\"} == 1", r -> r.size() == 1, TIMEOUT);
        assertEquals(2, prometheus.awaitQuery("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", r -> r.size() == 2, TIMEOUT)
            .size());
        Map<String, CsvRow> csv = DcgmExporterSamples.counters("default-counters.csv");
        for (String counter : COUNTERS) {
          assertMetadata(prometheus, counter, "counter", csv.get(counter).help());
        }
        assertMetadata(prometheus, "DCGM_FI_DEV_GPU_TEMP", "gauge", csv.get("DCGM_FI_DEV_GPU_TEMP").help());
        assertMetadata(prometheus, "DCGM_FI_DEV_POWER_USAGE", "gauge", csv.get("DCGM_FI_DEV_POWER_USAGE").help());
        assertEquals("1000000000", prometheus.query("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION{gpu=\"0\"}").get(0)
            .path("value").get(1).asText());

        String prometheusAccept = Await.until("a scrape of the recorder", TIMEOUT, accept::get, a -> a != null);
        assertTrue(prometheusAccept.startsWith("application/openmetrics-text"), prometheusAccept);
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.2.1:" + exporter.port("dcgm") + "/metrics")).header("Accept", prometheusAccept)
            .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("text/plain; charset=utf-8", answer.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(answer.body().contains("# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n"), answer.body());
      }
    } finally {
      recorder.stop(0);
    }
  }

  private static void assertMetadata(Prometheus prometheus, String metric, String type, String help) {
    JsonNode metadata = Await.until("metadata of " + metric, TIMEOUT, () -> prometheus.metadata(metric),
        m -> m.size() > 0);
    assertEquals(1, metadata.size(), metadata.toString());
    assertEquals(type, metadata.get(0).path("type").asText(), metric);
    assertEquals(help, metadata.get(0).path("help").asText(), metric);
  }
}
