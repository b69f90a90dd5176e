package io.dgxmon.common.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /}: a page that names the program and links its endpoints, as Prometheus exporters do. */
public final class LandingPage implements HttpHandler {
  private final String html;

  /** {@code title} and {@code paths} are the program's own constants, never client input. */
  public LandingPage(String title, Iterable<String> paths) {
    StringBuilder links = new StringBuilder();
    for (String path : paths) {
      links.append("<li><a href=\"").append(path).append("\">").append(path).append("</a></li>");
    }
    this.html = "<!DOCTYPE html><html><head><title>" + title + "</title></head><body><h1>" + title
        + "</h1><ul>" + links + "</ul></body></html>\n";
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    PlainResponse.send(exchange, 200, "text/html; charset=utf-8", html);
  }
}
