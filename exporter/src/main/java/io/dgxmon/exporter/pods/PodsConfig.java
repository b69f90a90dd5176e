package io.dgxmon.exporter.pods;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Kubernetes pod attribution settings.
 *
 * @param mode {@code auto}: labels when the socket exists; {@code on}: expected, its absence counts as a failure;
 *     {@code off}: never asked
 * @param socket the kubelet's pod-resources socket
 * @param refreshInterval pause between two List calls
 * @param timeout deadline of one List call
 * @param resourceNames resources whose devices are GPUs besides {@code nvidia.com/mig-*}
 */
public record PodsConfig(Mode mode, Path socket, Duration refreshInterval, Duration timeout,
    List<String> resourceNames) {
  public enum Mode { AUTO, ON, OFF }

  public PodsConfig {
    resourceNames = List.copyOf(resourceNames);
  }
}
