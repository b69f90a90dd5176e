package io.dgxmon.rolemonitor.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.dgxmon.common.web.PlainResponse;
import io.dgxmon.rolemonitor.targets.TargetGroup;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /targets}: every node's target groups as one Prometheus {@code http_sd_configs} JSON array. Paths and
 * methods are checked by {@link io.dgxmon.common.web.Routes} before this runs.
 */
final class TargetsHandler implements HttpHandler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Supplier<List<TargetGroup>> groups;

  TargetsHandler(Supplier<List<TargetGroup>> groups) {
    this.groups = groups;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    List<TargetGroup> current = groups.get();
    if (current == null) {
      // No good cmsh answer yet: an error makes Prometheus keep its last targets, [] would drop them all.
      PlainResponse.send(exchange, 503, PlainResponse.TEXT, "no successful cmsh cycle yet\n");
      return;
    }
    PlainResponse.send(exchange, 200, "application/json", JSON.writeValueAsString(current));
  }
}
