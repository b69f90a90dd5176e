package io.dgxmon.common.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.exporter.httpserver.HttpExchangeAdapter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;

/**
 * {@code /metrics} through client_java's scrape handler (content negotiation, gzip, {@code name[]} filters), minus
 * its error reporting: client_java logs two SEVERE stack traces for every client that hangs up mid-answer (a
 * Prometheus scrape timeout does exactly that), and sends a collector's stack trace to whoever asks.
 */
public final class MetricsEndpoint implements HttpHandler {
  private final PrometheusScrapeHandler scrapeHandler;

  public MetricsEndpoint(PrometheusRegistry registry) {
    this.scrapeHandler = new PrometheusScrapeHandler(PrometheusProperties.get(), registry);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    scrapeHandler.handleRequest(new QuietExchange(exchange));
  }

  /** client_java's adapter with one debug line per failed answer instead of stack traces. */
  private static final class QuietExchange extends HttpExchangeAdapter {
    private final HttpExchange exchange;

    QuietExchange(HttpExchange exchange) {
      super(exchange);
      this.exchange = exchange;
    }

    @Override
    public void handleException(IOException e) {
      ScrapeFailures.notCompleted(exchange, e);
    }

    @Override
    public void handleException(RuntimeException e) {
      ScrapeFailures.failed(exchange, e);
    }
  }
}
