package io.dgxmon.common.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Exact-path dispatch for a read-only listener: a path not in the table is 404 (the JDK's own contexts match by
 * prefix, so {@code /metrics/../x} or {@code /foo} would otherwise reach a handler), any method but GET and HEAD is
 * 405 with {@code Allow}. Only {@code concurrentAnswers} handlers run at once, in arrival order; a request that
 * waits longer than {@code answerWait} gets 503.
 */
public final class Routes implements HttpHandler {
  private final Map<String, HttpHandler> byPath;
  private final Semaphore answering;
  private final Duration answerWait;

  public Routes(Map<String, HttpHandler> byPath, HttpLimits limits) {
    this.byPath = Map.copyOf(byPath);
    this.answering = new Semaphore(limits.concurrentAnswers());
    this.answerWait = limits.answerWait();
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
      answerInTurn(exchange, handler);
    }
  }

  private void answerInTurn(HttpExchange exchange, HttpHandler handler) throws IOException {
    try {
      if (!answering.tryAcquire(answerWait.toMillis(), TimeUnit.MILLISECONDS)) {
        PlainResponse.send(exchange, 503, PlainResponse.TEXT, "busy; try again\n");
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      handler.handle(exchange);
    } finally {
      answering.release();
    }
  }
}
