package io.dgxmon.common.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;

/**
 * Exact-path dispatch for a read-only listener: a path not in the table is 404 (the JDK's own contexts match by
 * prefix, so {@code /metrics/../x} or {@code /foo} would otherwise reach a handler), any method but GET and HEAD is
 * 405 with {@code Allow}.
 */
public final class Routes implements HttpHandler {
  private final Map<String, HttpHandler> byPath;

  public Routes(Map<String, HttpHandler> byPath) {
    this.byPath = Map.copyOf(byPath);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpHandler handler = byPath.get(exchange.getRequestURI().getRawPath());
      if (handler == null) {
        PlainResponse.send(exchange, 404, PlainResponse.TEXT, "not found; try " + String.join(" or ",
            byPath.keySet().stream().sorted().toList()) + "\n");
        return;
      }
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        PlainResponse.send(exchange, 405, PlainResponse.TEXT, "method " + method + " not allowed; GET or HEAD\n");
        return;
      }
      handler.handle(exchange);
    }
  }
}
