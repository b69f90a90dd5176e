package io.dgxmon.common.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * {@code /metrics} with a body its owner renders in one fixed format, whatever the client's {@code Accept} asks for
 * (an exporter that imitates another one byte for byte must also answer what that one answers: dcgm-exporter
 * always sends the text format). Compressed with gzip when {@code Accept-Encoding} lists it, as client_java's
 * handler does; failures are reported as by {@link MetricsEndpoint}.
 */
public final class FixedFormatEndpoint implements HttpHandler {
  private final String contentType;
  private final Supplier<byte[]> body;

  public FixedFormatEndpoint(String contentType, Supplier<byte[]> body) {
    this.contentType = contentType;
    this.body = body;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try {
      bytes = body.get();
    } catch (RuntimeException e) {
      ScrapeFailures.failed(exchange, e);
      return;
    }
    try {
      if (acceptsGzip(exchange) && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody(), 4096)) {
          out.write(bytes);
        }
      } else {
        PlainResponse.send(exchange, 200, contentType, bytes);
      }
    } catch (IOException e) {
      ScrapeFailures.notCompleted(exchange, e);
    }
  }

  private static boolean acceptsGzip(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Accept-Encoding", List.of())) {
      for (String coding : header.split(",")) {
        String name = coding.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (name.equals("gzip")) {
          return true;
        }
      }
    }
    return false;
  }
}
