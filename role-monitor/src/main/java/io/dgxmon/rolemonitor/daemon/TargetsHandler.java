package io.dgxmon.rolemonitor.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dgxmon.common.web.PlainResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * {@code GET /targets}: every node's target groups as one Prometheus {@code http_sd_configs} JSON array, served
 * from the body the cycle rendered ({@link TargetsBody}); nothing is rendered per request. Paths and methods are
 * checked by {@link io.dgxmon.common.web.Routes} before this runs.
 */
final class TargetsHandler implements HttpHandler {
  static final int WRITE_SLICE = PlainResponse.WRITE_SLICE;
  private final Supplier<byte[]> body;

  TargetsHandler(Supplier<byte[]> body) {
    this.body = body;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    byte[] current = body.get();
    if (current == null) {
      // No good cmsh answer yet: an error makes Prometheus keep its last targets, [] would drop them all.
      PlainResponse.send(exchange, 503, PlainResponse.TEXT, "no successful cmsh cycle yet\n");
      return;
    }
    PlainResponse.send(exchange, 200, "application/json", current);
  }
}
