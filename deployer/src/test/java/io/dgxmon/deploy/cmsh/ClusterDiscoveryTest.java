package io.dgxmon.deploy.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Discovery against the in-process simulator, plain and noisy. */
class ClusterDiscoveryTest {
  @Test
  void findsClustersTheHeadNodeAndSlurmClientsWithTheirCategoriesAndImages() throws Exception {
    for (boolean noisy : new boolean[] {false, true}) {
      ClusterState state = BcmClusterFixture.cluster();
      state.noisyOutput = noisy;
      List<String> scripts = new ArrayList<>();
      ClusterFacts facts = ClusterDiscovery.discover("cmsh", call -> {
        assertEquals(List.of("cmsh", "--color=no", "-q", "-c"), call.argv().subList(0, 4));
        scripts.add(call.script());
        return CmshSimulator.run(state, call.script(), true).output();
      });
      assertEquals(List.of("wlm; list -d {}",
          "device; list -f hostname:0,type:0,category:0,softwareimage:0 -d {}",
          "device; foreach -l slurmclient (get hostname)"), scripts);
      assertEquals(List.of("slurm", "slurm-b"), facts.wlmClusters(), "noisy " + noisy);
      assertEquals("bcm-head", facts.headNode());
      assertEquals(List.of(new ClusterFacts.SlurmClient("cpu-01", "cpu", "default-image"),
          new ClusterFacts.SlurmClient("cpu-02", "cpu", "cpu-image-2"),
          new ClusterFacts.SlurmClient("dgx-01", "dgx", "dgx-image"),
          new ClusterFacts.SlurmClient("dgx-02", "dgx", "dgx-image")), facts.slurmClients());
      assertEquals(Map.of("dgx", "dgx-image"), facts.sharedImageByCategory(), "cpu nodes use two images");
    }
  }
}
