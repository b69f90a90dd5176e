package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgxmon.testkit.Prometheus;
import io.dgxmon.testkit.kubelet.FakeKubelet;
import io.dgxmon.testkit.kubelet.KubeletPod;
import io.dgxmon.testkit.nvml.NvmlScenario;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pod labels end to end: the exporter (child JVM, NVML stub with a whole GPU and a MIG instance) asks a fake kubelet
 * on a Unix socket; a real Prometheus scrapes :9400 and :9445 and sees {@code pod, namespace, container}; a pod that
 * goes away loses them, a hung kubelet keeps the last good ones and counts failures.
 */
class KubernetesPodsIT {
  static final String MIG_UUID = "MIG-aaaa0000-0000-0000-0000-000000000001";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void podLabelsOnBothProfilesInPrometheus() throws Exception {
    Path stub = NvmlStub.build(dir.resolve("stub"));
    Path scenario = NvmlScenario.gpus(2).mig(1, 0, 2, "3g.40gb", MIG_UUID, 13).writeTo(dir.resolve("scenario.txt"));
    KubeletPod train = KubeletPod.of("ml", "train-0", "main", "nvidia.com/gpu", NvmlScenario.uuid(0));
    KubeletPod infer = KubeletPod.of("serving", "llm-0", "server", "nvidia.com/mig-3g.40gb", MIG_UUID);
    Path socket = dir.resolve("kubelet.sock");
    List<String> args = List.of("--dcgm.listen-address", "127.0.2.1:0", "--gpu.listen-address", "127.0.2.1:0",
        "--cgroup.listen-address", "off", "--nvml.library", stub.toString(),
        "--hpc-job-mapping-dir", dir.resolve("map").toString(), "--job-info-dir", dir.resolve("jobs").toString(),
        "--mig-map-file", dir.resolve("run/mig-uuids").toString(), "--hostname", "node1",
        "--kubernetes", "on", "--kubernetes.pod-resources-socket", socket.toString(),
        "--kubernetes.refresh-interval", "500ms", "--kubernetes.timeout", "1s");
    try (FakeKubelet kubelet = FakeKubelet.start(socket, List.of(train, infer));
        ExporterProcess exporter = ExporterProcess.start(dir, scenario, List.of("-Xmx64m"), null, args, 2);
        Prometheus prometheus = Prometheus.start(dir.resolve("prometheus"))) {
      prometheus.writeTargets("node1", List.of("127.0.2.1:" + exporter.port("dcgm"),
          "127.0.2.1:" + exporter.port("gpu")), Map.of());

      JsonNode gpu0 = await(prometheus, "DCGM_FI_DEV_GPU_TEMP{pod=\"train-0\"}");
      assertEquals("0", gpu0.get(0).path("metric").path("gpu").asText());
      assertEquals("ml", gpu0.get(0).path("metric").path("namespace").asText());
      assertEquals("main", gpu0.get(0).path("metric").path("container").asText());
      JsonNode mig = await(prometheus, "DCGM_FI_DEV_FB_USED{pod=\"llm-0\",namespace=\"serving\",container=\"server\"}");
      assertEquals("2", mig.get(0).path("metric").path("GPU_I_ID").asText());
      assertEquals(13, mig.get(0).path("value").get(1).asDouble());
      await(prometheus, "nvidia_gpu_memory_used_bytes{pod=\"train-0\",ordinal=\"0\",GPU_I_ID=\"\"}");
      await(prometheus, "nvidia_gpu_memory_used_bytes{pod=\"llm-0\",namespace=\"serving\",GPU_I_ID=\"2\"}");
      assertEquals(0, prometheus.query("nvidia_gpu_memory_used_bytes{ordinal=\"1\",GPU_I_ID=\"\",pod!=\"\"}").size());

      kubelet.pods(List.of(infer)); // train-0 ends
      await(prometheus, "DCGM_FI_DEV_GPU_TEMP{gpu=\"0\",pod=\"\"}");
      prometheus.awaitQuery("DCGM_FI_DEV_GPU_TEMP{pod=\"train-0\"}", JsonNode::isEmpty, WAIT);

      kubelet.hang(true); // the exporter keeps llm-0's labels and counts failures, scrapes go on
      for (String profile : List.of("dcgm", "gpu")) {
        prometheus.awaitQuery("dgxmon_kubernetes_pod_resources_failures_total{instance=\"127.0.2.1:"
            + exporter.port(profile) + "\"} > 0", r -> r.size() == 1, WAIT);
      }
      await(prometheus, "DCGM_FI_DEV_FB_USED{pod=\"llm-0\"}");
      await(prometheus, "dgxmon_kubernetes_pod_resources_age_seconds > 1");
      assertEquals(2, prometheus.query("up == 1").size());
    }
  }

  private static JsonNode await(Prometheus prometheus, String promql) {
    return prometheus.awaitQuery(promql, r -> r.size() >= 1, WAIT);
  }
}
