package io.dgxmon.exporter.dcgm;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One series of a family, in the three label groups dcgm-exporter's template writes one after the other.
 *
 * @param entity the entity's labels in the order written: {@code gpu, UUID, pci_bus_id, device, modelName,
 *     [GPU_I_PROFILE, GPU_I_ID], [Hostname]}; an entity label is written even when its value is empty (as
 *     dcgm-exporter writes {@code pci_bus_id=""}), so leave out what must not appear
 * @param labels dcgm-exporter's {@code Metric.Labels} (e.g. {@code DCGM_FI_DRIVER_VERSION}), written in byte order
 * @param attributes dcgm-exporter's {@code Metric.Attributes} (e.g. {@code container, hpc_job, namespace, pod}),
 *     written after all labels, in byte order
 * @param value the value with its DCGM type
 */
public record DcgmSample(List<Label> entity, SortedMap<String, String> labels, SortedMap<String, String> attributes,
    DcgmValue value) {

  /** A label name and value, verbatim (the writer escapes the value). */
  public record Label(String name, String value) {}

  public DcgmSample {
    entity = List.copyOf(entity);
    labels = sorted(labels);
    attributes = sorted(attributes);
  }

  /**
   * Go's templates range over a map in byte order of the keys. Label names are ASCII ({@code [A-Za-z0-9_]}), where
   * {@link String#compareTo} (UTF-16 units) is the same order.
   */
  private static SortedMap<String, String> sorted(Map<String, String> map) {
    return Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }
}
