package io.dgxmon.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** {@code http_server_config.headers} of the web config in force, on every answer (401 and 404 included). */
final class ResponseHeadersFilter extends Filter {
  private final LiveWebConfig live;

  ResponseHeadersFilter(LiveWebConfig live) {
    this.live = live;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    live.current().config().headers().forEach(exchange.getResponseHeaders()::set);
    chain.doFilter(exchange);
  }

  @Override
  public String description() {
    return "http_server_config.headers of the web config";
  }
}
