package io.dgxmon.common.web;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * How a {@code /metrics} answer that went wrong is reported: a client that hung up mid-answer (a Prometheus scrape
 * timeout does exactly that) is one debug line, not a stack trace; a failed collection is logged and answered 500
 * without its stack trace (which would tell whoever asks about the exporter's insides).
 */
final class ScrapeFailures {
  private static final System.Logger LOG = System.getLogger(MetricsEndpoint.class.getName());

  private ScrapeFailures() {}

  static void notCompleted(HttpExchange exchange, IOException e) {
    LOG.log(Level.DEBUG, () -> "scrape from " + exchange.getRemoteAddress() + " not completed: " + e);
    exchange.close();
  }

  static void failed(HttpExchange exchange, RuntimeException e) {
    LOG.log(Level.WARNING, "scrape failed", e);
    try {
      PlainResponse.send(exchange, 500, PlainResponse.TEXT, "scrape failed; see the exporter's log\n");
    } catch (IOException | RuntimeException alreadyAnswering) {
      LOG.log(Level.DEBUG, () -> "cannot report the failed scrape: " + alreadyAnswering);
    } finally {
      exchange.close();
    }
  }
}
