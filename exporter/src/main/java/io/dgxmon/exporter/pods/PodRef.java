package io.dgxmon.exporter.pods;

import java.util.Comparator;
import java.util.Map;

/** The container a GPU or MIG device is allocated to, as dcgm-exporter labels it: {@code pod, namespace, container}. */
public record PodRef(String namespace, String pod, String container) {
  static final Comparator<PodRef> ORDER =
      Comparator.comparing(PodRef::namespace).thenComparing(PodRef::pod).thenComparing(PodRef::container);

  /** The three labels as dcgm-exporter names them. */
  public Map<String, String> labels() {
    return Map.of("container", container, "namespace", namespace, "pod", pod);
  }
}
