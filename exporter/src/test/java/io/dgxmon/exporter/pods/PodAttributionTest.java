package io.dgxmon.exporter.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.kubelet.FakeKubelet;
import io.dgxmon.testkit.kubelet.KubeletPod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attribution against a real gRPC server on a Unix socket (testkit's FakeKubelet). */
class PodAttributionTest {
  static final String GPU0 = PodAssignmentsTest.GPU0;
  static final String GPU1 = "GPU-1533bbbb-0000-0000-0000-000000000001";
  static final String MIG = PodAssignmentsTest.MIG;
  static final KubeletPod TRAIN = KubeletPod.of("ml", "train-0", "main", "nvidia.com/gpu", GPU0);
  static final KubeletPod INFER = KubeletPod.of("ml", "infer-0", "server", "nvidia.com/mig-3g.40gb", MIG);
  static final KubeletPod WEB = KubeletPod.of("web", "nginx", "nginx", "cpu", "0");

  @TempDir Path dir;
  final List<String> log = new ArrayList<>();
  final AtomicLong clock = new AtomicLong();

  PodAttribution attribution(PodsConfig.Mode mode, Duration timeout) {
    PodsConfig config = new PodsConfig(mode, dir.resolve("kubelet.sock"), Duration.ofSeconds(10), timeout,
        List.of("nvidia.com/gpu"));
    return new PodAttribution(config, PodAttribution::grpcLister, log::add, clock::get);
  }

  @Test
  void wholeGpusAndMigDevicesGetTheirPods() throws Exception {
    try (FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"), List.of(TRAIN, INFER, WEB));
        PodAttribution pods = attribution(PodsConfig.Mode.AUTO, Duration.ofSeconds(5))) {
      pods.refresh();
      assertEquals(List.of(new PodRef("ml", "train-0", "main")), pods.current().gpu(0, GPU0));
      assertEquals(List.of(new PodRef("ml", "infer-0", "server")), pods.current().mig(1, 2, MIG));
      assertEquals(List.of(), pods.current().gpu(1, GPU1));
      assertEquals(2, pods.current().deviceCount());
      assertEquals(1, kubelet.listCalls());
      assertEquals(0, pods.failures());
    }
  }

  @Test
  void aPodThatWentAwayLosesItsLabelsAtTheNextGoodRefresh() throws Exception {
    try (FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"), List.of(TRAIN, INFER));
        PodAttribution pods = attribution(PodsConfig.Mode.AUTO, Duration.ofSeconds(5))) {
      pods.refresh();
      kubelet.pods(List.of(INFER));
      assertEquals(1, pods.current().gpu(0, GPU0).size(), "labels change only when the kubelet is asked again");
      clock.set(7_000_000_000L);
      pods.refresh();
      assertEquals(List.of(), pods.current().gpu(0, GPU0));
      assertEquals(1, pods.current().mig(1, 2, MIG).size());
      assertEquals(0.0, pods.ageSeconds());
    }
  }

  @Test
  void aHungKubeletKeepsTheLastGoodLabelsAndCountsAFailure() throws Exception {
    try (FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"), List.of(TRAIN));
        PodAttribution pods = attribution(PodsConfig.Mode.AUTO, Duration.ofMillis(300))) {
      pods.refresh();
      kubelet.hang(true);
      clock.set(30_000_000_000L);
      pods.refresh(); // ends at the deadline
      assertEquals(1, pods.failures());
      assertEquals(1, pods.current().gpu(0, GPU0).size());
      assertEquals(30.0, pods.ageSeconds());
      assertTrue(log.get(0).contains("DEADLINE_EXCEEDED"), log.toString());
      kubelet.hang(false);
      pods.refresh();
      assertEquals(0.0, pods.ageSeconds());
      assertTrue(log.get(1).contains("answers again"), log.toString());
    }
  }

  @Test
  void scrapesReadTheLastAnswerWhileARefreshHangs() throws Exception {
    try (FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"), List.of(TRAIN));
        PodAttribution pods = attribution(PodsConfig.Mode.AUTO, Duration.ofSeconds(30))) {
      pods.refresh();
      kubelet.hang(true);
      Thread refresh = new Thread(pods::refresh);
      refresh.start();
      Await.until("the hung call to reach the kubelet", Duration.ofSeconds(10), () -> kubelet.listCalls() == 2);
      assertTrue(refresh.isAlive(), "the refresh waits on the kubelet");
      assertEquals(1, pods.current().gpu(0, GPU0).size()); // and a scrape does not
      assertEquals(0, pods.failures());
      kubelet.close(); // the server goes: the hung call fails at once
      refresh.join(10_000);
      assertFalse(refresh.isAlive());
      assertEquals(1, pods.failures());
    }
  }

  @Test
  void anAbsentKubeletInAutoModeIsNotAKubernetesNode() {
    try (PodAttribution pods = attribution(PodsConfig.Mode.AUTO, Duration.ofSeconds(1))) {
      pods.refresh();
      assertEquals(PodAssignments.NONE, pods.current());
      assertEquals(0, pods.failures());
      assertFalse(pods.active());
      assertEquals(List.of(), log);
    }
  }

  @Test
  void anAbsentKubeletInOnModeIsAFailureOncePerProblem() {
    try (PodAttribution pods = attribution(PodsConfig.Mode.ON, Duration.ofSeconds(1))) {
      pods.refresh();
      pods.refresh();
      assertEquals(2, pods.failures());
      assertTrue(pods.active());
      assertEquals(1, log.size(), log.toString());
      assertTrue(log.get(0).contains("kubelet.sock does not exist"), log.toString());
    }
  }

  @Test
  void backgroundRefreshStartsAtOnce() throws Exception {
    PodsConfig config = new PodsConfig(PodsConfig.Mode.AUTO, dir.resolve("kubelet.sock"), Duration.ofMillis(100),
        Duration.ofSeconds(5), List.of("nvidia.com/gpu"));
    try (FakeKubelet kubelet = FakeKubelet.start(dir.resolve("kubelet.sock"), List.of(TRAIN));
        PodAttribution pods = PodAttribution.start(config, log::add)) {
      Await.until("pods from the background refresh", Duration.ofSeconds(20),
          () -> pods.current().deviceCount() == 1);
      kubelet.pods(List.of());
      Await.until("the pod to go away", Duration.ofSeconds(20), () -> pods.current().deviceCount() == 0);
    }
  }
}
