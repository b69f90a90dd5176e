package io.dgxmon.exporter.check;

import io.dgxmon.exporter.pods.PodAssignments;
import io.dgxmon.exporter.pods.PodResourcesClient;
import io.dgxmon.exporter.pods.PodResourcesException;
import io.dgxmon.exporter.pods.PodsConfig;
import io.dgxmon.exporter.pods.api.ContainerDevices;
import java.nio.file.Files;
import java.util.Set;

/** Asks the kubelet's pod-resources socket once (List and GetAllocatableResources, each with the configured deadline). */
final class KubeletProbe {
  private KubeletProbe() {}

  static KubeletFacts probe(PodsConfig config) {
    boolean required = config.mode() == PodsConfig.Mode.ON;
    if (config.mode() == PodsConfig.Mode.OFF) {
      return new KubeletFacts(KubeletFacts.State.OFF, false, config.socket(), 0, 0, "");
    }
    if (!Files.exists(config.socket())) {
      return new KubeletFacts(KubeletFacts.State.ABSENT, required, config.socket(), 0, 0, "");
    }
    Set<String> names = Set.copyOf(config.resourceNames());
    try (PodResourcesClient client = new PodResourcesClient(config.socket())) {
      int held = PodAssignments.of(client.list(config.timeout()), names).deviceCount();
      int allocatable = client.allocatable(config.timeout()).getDevicesList().stream()
          .filter(d -> PodAssignments.isNvidia(d.getResourceName(), names))
          .mapToInt(ContainerDevices::getDeviceIdsCount).sum();
      return new KubeletFacts(KubeletFacts.State.ANSWERS, required, config.socket(), allocatable, held, "");
    } catch (PodResourcesException | IllegalStateException e) {
      return new KubeletFacts(KubeletFacts.State.NO_ANSWER, required, config.socket(), 0, 0, e.getMessage());
    }
  }
}
