package io.dgxmon.exporter.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.exporter.pods.api.ContainerDevices;
import io.dgxmon.exporter.pods.api.ContainerResources;
import io.dgxmon.exporter.pods.api.ListPodResourcesResponse;
import io.dgxmon.exporter.pods.api.PodResources;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PodAssignmentsTest {
  static final String GPU0 = "GPU-1533aaaa-0000-0000-0000-000000000000";
  static final String MIG = "MIG-5f2c0000-0000-0000-0000-000000000001";
  static final Set<String> GPUS = Set.of("nvidia.com/gpu");

  static PodResources pod(String ns, String name, String container, String resource, String... ids) {
    return PodResources.newBuilder().setNamespace(ns).setName(name)
        .addContainers(ContainerResources.newBuilder().setName(container)
            .addDevices(ContainerDevices.newBuilder().setResourceName(resource).addAllDeviceIds(List.of(ids))))
        .build();
  }

  static PodAssignments of(Set<String> names, PodResources... pods) {
    return PodAssignments.of(ListPodResourcesResponse.newBuilder().addAllPodResources(List.of(pods)).build(), names);
  }

  @Test
  void wholeGpuAndMigDevicesByUuid() {
    PodAssignments a = of(GPUS, pod("ml", "train-0", "main", "nvidia.com/gpu", GPU0),
        pod("ml", "infer-0", "server", "nvidia.com/mig-3g.40gb", MIG));
    assertEquals(List.of(new PodRef("ml", "train-0", "main")), a.gpu(0, GPU0));
    assertEquals(List.of(new PodRef("ml", "infer-0", "server")), a.mig(1, 2, MIG));
    assertEquals(List.of(), a.gpu(1, "GPU-other"));
  }

  @Test
  void sharedReplicasCountForTheirGpuOncePerContainer() {
    PodAssignments a = of(GPUS, pod("ml", "b", "c", "nvidia.com/gpu", GPU0 + "::1"),
        pod("ml", "a", "c", "nvidia.com/gpu", GPU0 + "::0", GPU0 + "::3"));
    assertEquals(List.of(new PodRef("ml", "a", "c"), new PodRef("ml", "b", "c")), a.gpu(0, GPU0));
  }

  @Test
  void gkeDeviceNamesWithAndWithoutVirtualGpus() {
    PodAssignments a = of(GPUS, pod("ml", "a", "c", "nvidia.com/gpu", "nvidia0/vgpu1"),
        pod("ml", "b", "c", "nvidia.com/mig-1g.10gb", "nvidia1/gi3/vgpu0"));
    assertEquals(List.of(new PodRef("ml", "a", "c")), a.gpu(0, GPU0));
    assertEquals(List.of(new PodRef("ml", "b", "c")), a.mig(1, 3, "MIG-x"));
  }

  @Test
  void onlyNvidiaResourcesAndConfiguredNamesCount() {
    PodResources shared = pod("ml", "a", "c", "nvidia.com/gpu.shared", GPU0 + "::0");
    PodResources nic = pod("net", "b", "c", "nvidia.com/rdma", GPU0);
    assertEquals(List.of(), of(GPUS, shared, nic).gpu(0, GPU0));
    assertEquals(List.of(new PodRef("ml", "a", "c")),
        of(Set.of("nvidia.com/gpu", "nvidia.com/gpu.shared"), shared, nic).gpu(0, GPU0));
  }

  @Test
  void deviceKeys() {
    assertEquals(GPU0, PodAssignments.deviceKey(GPU0 + "::12"));
    assertEquals(MIG, PodAssignments.deviceKey(MIG + "::7"));
    assertEquals("nvidia2/gi1", PodAssignments.deviceKey("nvidia2/gi1/vgpu4"));
    assertEquals("nvidia2/gi1", PodAssignments.deviceKey("nvidia2/gi1"));
  }
}
