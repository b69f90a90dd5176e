package io.dgxmon.exporter.scrape;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The registry of one listener: profiles add their collectors (each backed by a {@link SharedCollection}), and
 * {@link #build()} appends the self-metrics last so they report on the same scrape.
 */
public final class ListenerRegistry implements AutoCloseable {
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final List<SharedCollection<?>> collections = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private boolean built;

  /** Registers {@code collector}, whose data comes from {@code collection}. */
  public void add(SharedCollection<?> collection, MultiCollector collector) {
    if (built) {
      throw new IllegalStateException("registry already built");
    }
    collections.add(collection);
    registry.register(collector);
  }

  /** Closes {@code resource} (a background poller a collector reads from) with this registry. */
  public void closeWith(AutoCloseable resource) {
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
        // shutting down: nothing left to report to
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
}
