package io.dgxmon.exporter.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.pods.PodsConfig;
import io.dgxmon.testkit.kubelet.FakeKubelet;
import io.dgxmon.testkit.kubelet.KubeletPod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeletProbeTest {
  @TempDir Path dir;

  PodsConfig config(PodsConfig.Mode mode, Duration timeout) {
    return new PodsConfig(mode, dir.resolve("kubelet.sock"), Duration.ofSeconds(10), timeout,
        List.of("nvidia.com/gpu"));
  }

  PodsConfig config(PodsConfig.Mode mode) {
    return config(mode, Duration.ofMillis(500));
  }

  @Test
  void countsAllocatableAndHeldGpus() throws Exception {
    List<KubeletPod> pods = List.of(KubeletPod.of("ml", "a", "c", "nvidia.com/gpu", "GPU-a", "GPU-b"),
        KubeletPod.of("ml", "b", "c", "nvidia.com/mig-1g.10gb", "MIG-c"), KubeletPod.of("x", "y", "z", "cpu", "0"));
    try (FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"), pods)) {
      assertEquals(new KubeletFacts(KubeletFacts.State.ANSWERS, false, kubelet.socket(), 3, 3, ""),
          KubeletProbe.probe(config(PodsConfig.Mode.AUTO, Duration.ofSeconds(20)))); // a cold JVM loads gRPC first
    }
  }

  @Test
  void aHungKubeletIsReportedAfterTheDeadline() throws Exception {
    try (FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"), List.of())) {
      kubelet.hang(true);
      KubeletFacts facts = KubeletProbe.probe(config(PodsConfig.Mode.ON));
      assertEquals(KubeletFacts.State.NO_ANSWER, facts.state());
      assertTrue(facts.detail().startsWith("List: DEADLINE_EXCEEDED"), facts.detail());
    }
  }

  @Test
  void absentAndOff() {
    assertEquals(KubeletFacts.State.ABSENT, KubeletProbe.probe(config(PodsConfig.Mode.ON)).state());
    assertEquals(KubeletFacts.State.OFF, KubeletProbe.probe(config(PodsConfig.Mode.OFF)).state());
  }
}
