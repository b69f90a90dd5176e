package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.common.web.HttpLimits;
import io.dgxmon.common.web.LiveWebConfig;
import io.dgxmon.common.web.WebServer;
import io.dgxmon.exporter.CompatibilityLint;
import io.dgxmon.exporter.ExporterCommand;
import io.dgxmon.exporter.config.ExporterConfig;
import io.dgxmon.exporter.scrape.ListenerRegistry;
import io.dgxmon.exporter.scrape.SharedCollection;
import io.dgxmon.exporter.scrape.Source;
import io.dgxmon.testkit.Promtool;
import java.io.ByteArrayInputStream;
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
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * :9400 over HTTP: the answer is dcgm-exporter's, text format as {@code text/plain; charset=utf-8}, whatever the
 * client accepts (dcgm-exporter's server never looks at {@code Accept}; Go's net/http sniffs that type).
 */
class DcgmEndpointTest {
  /** Prometheus 2's default ({@code scrapeAcceptHeader} in its scrape/scrape.go): OpenMetrics first. */
  static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  @TempDir Path dir;
  final List<String> log = new ArrayList<>();
  final HttpClient http = HttpClient.newHttpClient();
  ListenerRegistry dcgm;
  ListenerRegistry gpu;
  WebServer server;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(dir.resolve("map"));
    Files.writeString(dir.resolve("map/0"), "100\n101\n");
    ExporterConfig config = ExporterCommand.parseConfig(Map.of(), "--hpc-job-mapping-dir",
        dir.resolve("map").toString(), "--job-info-dir", dir.resolve("jobs").toString(), "--hostname", "node1");
    dcgm = new ListenerRegistry();
    gpu = new ListenerRegistry();
    SharedCollection<GpuSnapshot> collection = new SharedCollection<>(Source.of(GpuProfiles.COLLECTOR,
        Snapshots::twoGpus), Duration.ZERO, Duration.ofSeconds(5), log::add);
    GpuProfiles.register(dcgm, gpu, collection, config, log::add);
    server = WebServer.start("dcgm", new InetSocketAddress("127.0.2.1", 0), Map.of("/metrics", dcgm.endpoint()),
        LiveWebConfig.none(), HttpLimits.DEFAULT);
  }

  @AfterEach
  void stop() {
    server.close();
    dcgm.close();
    gpu.close();
  }

  HttpResponse<byte[]> get(String method, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.2.1:" + server.port() + "/metrics"))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      request.headers(headers);
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode());
    return response;
  }

  @Test
  void everyAcceptHeaderGetsTheSameTextAsDcgmExporterSendsIt() throws Exception {
    HttpResponse<byte[]> plain = get("GET");
    String body = new String(plain.body(), StandardCharsets.UTF_8);
    String fields = DcgmGpuMetricsTest.fields(new DcgmGpuMetrics("Hostname", "node1").render(Snapshots.twoGpus(),
        new HpcJobMap(Map.of("0", List.of("100", "101")))));
    assertTrue(body.startsWith(fields), body);
    assertTrue(body.contains("# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n"), body);
    assertTrue(body.contains("dgxmon_gpu_up{UUID=\"" + Snapshots.UUID0 + "\",gpu=\"0\"} 1.0\n"), body);
    assertTrue(body.endsWith("dgxmon_scrape_collector_success{collector=\"nvml\"} 1.0\n"), "self-metrics last: " + body);
    for (String accept : List.of(PROMETHEUS_ACCEPT, "application/openmetrics-text; version=1.0.0",
        "text/plain;version=0.0.4", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited", "*/*")) {
      HttpResponse<byte[]> response = get("GET", "Accept", accept);
      assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow(), accept);
      assertEquals(withoutSelfMetricValues(body), withoutSelfMetricValues(new String(response.body(),
          StandardCharsets.UTF_8)), accept);
      assertFalse(new String(response.body(), StandardCharsets.UTF_8).contains("# EOF"), accept);
    }
    Promtool.checkMetrics(body, CompatibilityLint.GPU_PROFILES);
    assertEquals(List.of(), log);
  }

  @Test
  void gzipWhenAskedAndHeadersOnlyForHead() throws Exception {
    HttpResponse<byte[]> zipped = get("GET", "Accept", PROMETHEUS_ACCEPT, "Accept-Encoding", "gzip");
    assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
    byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
    String plain = new String(get("GET").body(), StandardCharsets.UTF_8);
    assertEquals(withoutSelfMetricValues(plain), withoutSelfMetricValues(new String(unzipped, StandardCharsets.UTF_8)));
    HttpResponse<byte[]> head = get("HEAD");
    assertEquals("text/plain; charset=utf-8", head.headers().firstValue("Content-Type").orElseThrow());
    assertArrayEquals(new byte[0], head.body());
  }

  /** The collection's duration differs per scrape; everything else must not. */
  private static String withoutSelfMetricValues(String body) {
    return body.replaceAll("(dgxmon_scrape_collector_duration_seconds\\{[^}]*\\}) \\S+", "$1 X");
  }
}
