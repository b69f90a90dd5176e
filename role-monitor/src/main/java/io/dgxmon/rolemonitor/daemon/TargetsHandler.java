package io.dgxmon.rolemonitor.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dgxmon.rolemonitor.targets.TargetGroup;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/** {@code GET /targets}: every node's target groups as one Prometheus {@code http_sd_configs} JSON array. */
final class TargetsHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Supplier<List<TargetGroup>> groups;

  TargetsHandler(Supplier<List<TargetGroup>> groups) {
    this.groups = groups;
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
      List<TargetGroup> current = groups.get();
      if (current == null) {
        // No good cmsh answer yet: an error makes Prometheus keep its last targets, [] would drop them all.
        send(exchange, 503, "text/plain; charset=utf-8", "no successful cmsh cycle yet\n");
        return;
      }
      send(exchange, 200, "application/json", JSON.writeValueAsString(current));
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
