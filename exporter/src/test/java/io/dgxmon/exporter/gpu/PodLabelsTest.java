package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.cgroup.Exposition;
import io.dgxmon.exporter.pods.PodAssignments;
import io.dgxmon.exporter.pods.api.ContainerDevices;
import io.dgxmon.exporter.pods.api.ContainerResources;
import io.dgxmon.exporter.pods.api.ListPodResourcesResponse;
import io.dgxmon.exporter.pods.api.PodResources;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pod attributes on both GPU profiles: GPU 0 whole and shared by two pods, GPU 1's MIG instance held by one. */
class PodLabelsTest {
  static final PodAssignments PODS = PodAssignments.of(ListPodResourcesResponse.newBuilder()
      .addPodResources(pod("ml", "train-0", "main", "nvidia.com/gpu", Snapshots.UUID0 + "::0"))
      .addPodResources(pod("ml", "train-1", "main", "nvidia.com/gpu", Snapshots.UUID0 + "::1"))
      .addPodResources(pod("infer", "llm-0", "server", "nvidia.com/mig-3g.40gb", Snapshots.MIG_UUID))
      .build(), Set.of("nvidia.com/gpu"));

  static PodResources pod(String ns, String name, String container, String resource, String id) {
    return PodResources.newBuilder().setNamespace(ns).setName(name).addContainers(ContainerResources.newBuilder()
        .setName(container).addDevices(ContainerDevices.newBuilder().setResourceName(resource).addDeviceIds(id)))
        .build();
  }

  /** Label positions as in real-dcgm-exporter-568-k8s-pod-2025.prom: attributes last, sorted. */
  @Test
  void dcgmSeriesOncePerHoldingContainerWithDcgmExportersAttributeNamesAndOrder() {
    String text = DcgmGpuMetricsTest.fields(new DcgmGpuMetrics("Hostname", "dgx-01").render(Snapshots.twoGpus(),
        HpcJobMap.EMPTY, PODS));
    List<String> temps = text.lines().filter(l -> l.startsWith("DCGM_FI_DEV_GPU_TEMP{")).toList();
    String gpu0 = "DCGM_FI_DEV_GPU_TEMP{gpu=\"0\",UUID=\"" + Snapshots.UUID0 + "\",pci_bus_id=\"00000000:18:00.0\","
        + "device=\"nvidia0\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"dgx-01\","
        + "DCGM_FI_DRIVER_VERSION=\"550.144.03\",container=\"main\",namespace=\"ml\",pod=\"";
    assertEquals(3, temps.size(), text);
    assertTrue(temps.get(0).startsWith(gpu0 + "train-0\"} "), temps.toString());
    assertTrue(temps.get(1).startsWith(gpu0 + "train-1\"} "), temps.toString());
    assertTrue(temps.get(2).contains("GPU_I_ID=\"2\"") && temps.get(2).contains(
        "container=\"server\",namespace=\"infer\",pod=\"llm-0\"}"), temps.toString());
  }

  @Test
  void slurmJobsAndPodsBothLabelADeviceThatHasBoth() {
    HpcJobMap jobs = new HpcJobMap(Map.of("0", List.of("4242")));
    String text = DcgmGpuMetricsTest.fields(new DcgmGpuMetrics("Hostname", "").render(Snapshots.twoGpus(), jobs,
        PODS));
    assertTrue(text.lines().anyMatch(l -> l.startsWith("DCGM_FI_DEV_GPU_TEMP{")
        && l.contains(",container=\"main\",hpc_job=\"4242\",namespace=\"ml\",pod=\"train-1\"}")), text);
  }

  @Test
  void jobstatsSeriesCarryThePodOfTheirDeviceOnly() {
    String text = Exposition.text(new JobstatsGpuMetrics().render(Snapshots.twoGpus(), GpuJobOwners.NONE, PODS));
    List<String> memory = text.lines().filter(l -> l.startsWith("nvidia_gpu_memory_used_bytes{")).toList();
    assertEquals(4, memory.size(), text); // GPU 0 twice (two pods), GPU 1 itself, its MIG instance
    assertTrue(memory.stream().anyMatch(l -> l.contains("GPU_I_ID=\"2\"") && l.contains("pod=\"llm-0\"")), text);
    assertTrue(memory.stream().anyMatch(l -> l.contains("GPU_I_ID=\"\"") && l.contains("ordinal=\"1\"")
        && !l.contains("pod=")), text); // the MIG parent itself is no pod's
    assertFalse(text.contains("nvidia_gpu_num_devices{pod"), text);
  }

  @Test
  void noPodsNoAttributes() {
    String text = DcgmGpuMetricsTest.fields(new DcgmGpuMetrics("Hostname", "").render(Snapshots.twoGpus(),
        HpcJobMap.EMPTY, PodAssignments.NONE));
    assertFalse(text.contains("namespace="), text);
  }
}
