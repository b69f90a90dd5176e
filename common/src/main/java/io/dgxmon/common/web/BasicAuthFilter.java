package io.dgxmon.common.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * {@code basic_auth_users} of the web config in force: without users every request passes; with users a request
 * without valid credentials gets 401 and {@code WWW-Authenticate}, whatever its path.
 */
final class BasicAuthFilter extends Filter {
  private final LiveWebConfig live;
  private final PasswordCheck passwords = new PasswordCheck();

  BasicAuthFilter(LiveWebConfig live) {
    this.live = live;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Map<String, String> users = live.current().config().basicAuthUsers();
    if (users.isEmpty() || authorized(users, exchange.getRequestHeaders().getFirst("Authorization"))) {
      chain.doFilter(exchange);
      return;
    }
    try (exchange) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"dgxmon\", charset=\"UTF-8\"");
      PlainResponse.send(exchange, 401, PlainResponse.TEXT, "Unauthorized\n");
    }
  }

  private boolean authorized(Map<String, String> users, String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String credentials;
    try {
      credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = credentials.indexOf(':');
    return colon >= 0 && passwords.matches(users, credentials.substring(0, colon), credentials.substring(colon + 1));
  }

  @Override
  public String description() {
    return "basic_auth_users of the web config";
  }
}
