package io.dgxmon.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** One fixed body and type whatever the client accepts; gzip on request; a failing render is a 500 without details. */
class FixedFormatEndpointTest {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<byte[]> get(WebServer server, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.6.1:" + server.port() + "/metrics"))
        .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void sameBodyAndTypeForEveryAcceptGzipWhenAskedAndFailuresAre500() throws Exception {
    AtomicBoolean fail = new AtomicBoolean();
    byte[] body = "x{a=\"1\"} 1\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
    FixedFormatEndpoint endpoint = new FixedFormatEndpoint("text/plain; charset=utf-8", () -> {
      if (fail.get()) {
        throw new IllegalStateException("secret detail");
      }
      return body;
    });
    try (WebServer server = WebServer.start("test", new InetSocketAddress("127.0.6.1", 0),
        Map.of("/metrics", endpoint), LiveWebConfig.none(), HttpLimits.DEFAULT)) {
      for (String accept : new String[] {"application/openmetrics-text;version=1.0.0", "text/plain", "*/*"}) {
        HttpResponse<byte[]> answer = get(server, "Accept", accept);
        assertEquals(200, answer.statusCode());
        assertEquals("text/plain; charset=utf-8", answer.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(new String(body, StandardCharsets.UTF_8), new String(answer.body(), StandardCharsets.UTF_8));
      }
      HttpResponse<byte[]> zipped = get(server, "Accept-Encoding", "deflate, GZIP;q=0.9");
      assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
      assertTrue(zipped.body().length < body.length / 10, "compressed: " + zipped.body().length);
      assertEquals(new String(body, StandardCharsets.UTF_8), new String(new GZIPInputStream(
          new ByteArrayInputStream(zipped.body())).readAllBytes(), StandardCharsets.UTF_8));

      fail.set(true);
      HttpResponse<byte[]> failed = get(server);
      assertEquals(500, failed.statusCode());
      assertEquals("scrape failed; see the exporter's log\n", new String(failed.body(), StandardCharsets.UTF_8));
    }
  }
}
