package io.dgxmon.exporter.scrape;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The body of a listener with {@link TextSection}s: each section's text, then in client_java's text format the
 * snapshots the sections returned and then the registry's (self-metrics last, so they report on this scrape). The
 * whole answer is the Prometheus text format (version 0.0.4), whatever the client asked for.
 */
final class SectionedExposition implements Supplier<byte[]> {
  private static final PrometheusTextFormatWriter CLIENT_JAVA = new PrometheusTextFormatWriter(false);

  private final List<TextSection> sections;
  private final PrometheusRegistry registry;
  private final List<SharedCollection<?>> collections;
  private volatile int lastSize = 8192;

  /** @param collections every collection the sections and the registry read; started side by side per scrape */
  SectionedExposition(List<TextSection> sections, PrometheusRegistry registry, List<SharedCollection<?>> collections) {
    this.sections = List.copyOf(sections);
    this.registry = registry;
    this.collections = List.copyOf(collections);
  }

  @Override
  public byte[] get() {
    collections.forEach(SharedCollection::prefetch);
    StringBuilder text = new StringBuilder(lastSize + 1024);
    List<MetricSnapshot> snapshots = new ArrayList<>();
    for (TextSection section : sections) {
      section.writeTo(text).forEach(snapshots::add);
    }
    ByteArrayOutputStream clientJava = new ByteArrayOutputStream(4096); // dgxmon's own few families
    try {
      CLIENT_JAVA.write(clientJava, new MetricSnapshots(snapshots));
      CLIENT_JAVA.write(clientJava, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to memory", e);
    }
    byte[] body = text.append(clientJava.toString(StandardCharsets.UTF_8)).toString()
        .getBytes(StandardCharsets.UTF_8);
    lastSize = body.length;
    return body;
  }
}
