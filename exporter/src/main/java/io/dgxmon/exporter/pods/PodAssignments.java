package io.dgxmon.exporter.pods;

import io.dgxmon.exporter.pods.api.ContainerDevices;
import io.dgxmon.exporter.pods.api.ContainerResources;
import io.dgxmon.exporter.pods.api.ListPodResourcesResponse;
import io.dgxmon.exporter.pods.api.PodResources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which containers hold which GPU or MIG device, from one pod-resources List answer; pure. Device ids are matched
 * as dcgm-exporter's Kubernetes mode matches them (docs/reference/kubernetes.md): a GPU or MIG UUID, a shared
 * (time-sliced or MPS) replica {@code <uuid>::<n>} counts for {@code <uuid>}, and GKE's {@code nvidia<i>},
 * {@code nvidia<i>/gi<g>}, each with an optional {@code /vgpu<n>}. Only NVIDIA resources count:
 * {@code nvidia.com/mig-*} and the configured names ({@code nvidia.com/gpu} by default).
 */
public final class PodAssignments {
  public static final PodAssignments NONE = new PodAssignments(Map.of());
  static final String MIG_RESOURCE_PREFIX = "nvidia.com/mig-";
  private static final Pattern GKE_VGPU = Pattern.compile("^(nvidia[0-9]+(?:/gi[0-9]+)?)/vgpu[0-9]+$");

  private final Map<String, List<PodRef>> byDevice;

  private PodAssignments(Map<String, List<PodRef>> byDevice) {
    this.byDevice = byDevice;
  }

  /** The containers of {@code answer} that hold devices of the NVIDIA resources in {@code resourceNames}. */
  public static PodAssignments of(ListPodResourcesResponse answer, Set<String> resourceNames) {
    Map<String, Set<PodRef>> found = new HashMap<>();
    for (PodResources pod : answer.getPodResourcesList()) {
      for (ContainerResources container : pod.getContainersList()) {
        PodRef ref = new PodRef(pod.getNamespace(), pod.getName(), container.getName());
        for (ContainerDevices devices : container.getDevicesList()) {
          if (!isNvidia(devices.getResourceName(), resourceNames)) {
            continue;
          }
          for (String id : devices.getDeviceIdsList()) {
            found.computeIfAbsent(deviceKey(id), k -> new TreeSet<>(PodRef.ORDER)).add(ref);
          }
        }
      }
    }
    Map<String, List<PodRef>> byDevice = new HashMap<>();
    found.forEach((key, refs) -> byDevice.put(key, List.copyOf(refs)));
    return new PodAssignments(Map.copyOf(byDevice));
  }

  /** The containers holding the whole GPU with this NVML index and UUID (several when it is shared). */
  public List<PodRef> gpu(int index, String uuid) {
    return first(uuid, "nvidia" + index);
  }

  /** The containers holding the MIG device with this GPU index, GPU instance id and MIG UUID. */
  public List<PodRef> mig(int gpuIndex, int gpuInstanceId, String migUuid) {
    return first(migUuid, "nvidia" + gpuIndex + "/gi" + gpuInstanceId);
  }

  /** How many devices some container holds. */
  public int deviceCount() {
    return byDevice.size();
  }

  /** Whether devices of {@code resourceName} are GPUs: a configured name or {@code nvidia.com/mig-*}. */
  public static boolean isNvidia(String resourceName, Set<String> resourceNames) {
    return resourceNames.contains(resourceName) || resourceName.startsWith(MIG_RESOURCE_PREFIX);
  }

  /** The device a plugin's id names: a shared replica's suffix ({@code ::n}, {@code /vgpun}) removed. */
  static String deviceKey(String id) {
    int shared = id.indexOf("::");
    if (shared >= 0) {
      return id.substring(0, shared);
    }
    Matcher gke = GKE_VGPU.matcher(id);
    return gke.matches() ? gke.group(1) : id;
  }

  private List<PodRef> first(String uuid, String deviceName) {
    List<PodRef> refs = new ArrayList<>();
    if (!uuid.isEmpty()) {
      refs.addAll(byDevice.getOrDefault(uuid, List.of()));
    }
    byDevice.getOrDefault(deviceName, List.of()).stream().filter(r -> !refs.contains(r)).forEach(refs::add);
    return List.copyOf(refs);
  }
}
