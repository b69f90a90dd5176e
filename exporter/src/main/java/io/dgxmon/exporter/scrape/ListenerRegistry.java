package io.dgxmon.exporter.scrape;

import com.sun.net.httpserver.HttpHandler;
import io.dgxmon.common.web.FixedFormatEndpoint;
import io.dgxmon.common.web.MetricsEndpoint;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of one listener: profiles add their collectors or text sections (each backed by a
 * {@link SharedCollection}), and {@link #build()} appends the self-metrics last so they report on the same scrape.
 */
public final class ListenerRegistry implements AutoCloseable {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<SharedCollection<?>> collections = new ArrayList<>();
  private final List<TextSection> sections = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private boolean built;

  /** Registers {@code collector}, whose data comes from {@code collection}. */
  public void add(SharedCollection<?> collection, MultiCollector collector) {
    track(collection);
    registry.register(collector);
  }

  /** Adds {@code section}, whose data comes from {@code collection}; the listener then answers in text only. */
  public void add(SharedCollection<?> collection, TextSection section) {
    track(collection);
    sections.add(section);
  }

  /** Registers a collector that has its own background source ({@code resource}, closed with this registry). */
  public void add(MultiCollector collector, AutoCloseable resource) {
    requireOpen();
    resources.add(resource);
    registry.register(collector);
  }

  private void track(SharedCollection<?> collection) {
    requireOpen();
    collections.add(collection);
  }

  private void requireOpen() {
    if (built) {
      throw new IllegalStateException("registry already built");
    }
  }

  /** Closes {@code resource} (a background poller a collector reads from) with this registry. */
  public void closeWith(AutoCloseable resource) {
    requireOpen();
    resources.add(resource);
  }

  /** Stops the collections' worker threads and the resources' background work. */
  @Override
  public void close() {
    collections.forEach(SharedCollection::close);
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        // closing on shutdown: nothing left to tell
      }
    }
  }

  public PrometheusRegistry build() {
    if (!built) {
      built = true;
      registry.register(new ScrapeSelfMetrics(collections));
    }
    return registry;
  }

  /**
   * The listener's {@code /metrics}: client_java's handler (content negotiation), or with text sections the
   * sections then the registry in the text format, sent with the first section's content type whatever the client
   * accepts.
   */
  public HttpHandler endpoint() {
    PrometheusRegistry withSelfMetrics = build();
    return sections.isEmpty() ? new MetricsEndpoint(withSelfMetrics)
        : new FixedFormatEndpoint(sections.get(0).contentType(),
            new SectionedExposition(sections, withSelfMetrics, collections));
  }
}
