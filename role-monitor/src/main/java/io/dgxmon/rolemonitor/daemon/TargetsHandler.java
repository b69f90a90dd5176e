package io.dgxmon.rolemonitor.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code GET /targets}: every node's target groups as one Prometheus {@code http_sd_configs} JSON array, served
 * from the body the cycle rendered ({@link TargetsBody}); nothing is rendered per request.
 */
final class TargetsHandler implements HttpHandler {
  static final int WRITE_SLICE = 64 * 1024;
  private final Supplier<byte[]> body;

  TargetsHandler(Supplier<byte[]> body) {
    this.body = body;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestURI().getPath().equals("/targets")) {
        send(exchange, 404, "text/plain; charset=utf-8", "not found; try /metrics or /targets\n");
        return;
      }
      if (!exchange.getRequestMethod().equals("GET")) {
        send(exchange, 405, "text/plain; charset=utf-8", "GET only\n");
        return;
      }
      byte[] current = body.get();
      if (current == null) {
        // No good cmsh answer yet: an error makes Prometheus keep its last targets, [] would drop them all.
        send(exchange, 503, "text/plain; charset=utf-8", "no successful cmsh cycle yet\n");
        return;
      }
      send(exchange, 200, "application/json", current);
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String text) throws IOException {
    send(exchange, status, type, text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes in slices: the JDK server copies each write into a heap buffer of that write's size and keeps it for the
   * connection, so one 4 MiB write per keep-alive client would hold 4 MiB per client (100 clients: past the heap).
   */
  private static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int off = 0; off < bytes.length; off += WRITE_SLICE) {
        out.write(bytes, off, Math.min(WRITE_SLICE, bytes.length - off));
      }
    }
  }
}
