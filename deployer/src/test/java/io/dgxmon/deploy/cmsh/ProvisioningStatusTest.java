package io.dgxmon.deploy.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningStatusTest {

  private static ProvisioningStatus status(ClusterState state) {
    return ProvisioningStatus.parse(CmshSimulator.run(state, ProvisioningWait.STATUS_SCRIPT, true).output());
  }

  @Test
  void idleBeforeAndBusyWhileAnImageUpdateRuns() {
    for (boolean noisy : new boolean[] {false, true}) {
      ClusterState state = BcmClusterFixture.provisioning(-1, noisy);
      assertTrue(status(state).idle(), "noisy " + noisy);
      CmshSimulator.run(state, "device; imageupdate -w -c dgx", true);
      ProvisioningStatus busy = status(state);
      assertFalse(busy.idle());
      assertEquals(2, busy.provisioning());
      assertEquals(List.of("dgx-01", "dgx-02"), busy.busyNodes());
      assertEquals("2 node(s) provisioning, dgx-01,dgx-02 busy or waiting, update of provisioning nodes requested: no",
          busy.summary(), "noisy " + noisy);
    }
  }

  @Test
  void aPendingUpdateOfTheProvisionersIsNotIdle() {
    ClusterState state = BcmClusterFixture.provisioning(-1, true);
    CmshSimulator.run(state, "softwareimage; updateprovisioners", true);
    ProvisioningStatus s = status(state);
    assertTrue(s.recognised());
    assertTrue(s.provisionersUpdateRequested());
    assertFalse(s.idle());
  }

  @Test
  void anOperationThatTakesNoTimeIsOverWhenItsCommandReturns() {
    ClusterState state = BcmClusterFixture.provisioning(0, false);
    CmshSimulator.run(state, "device; imageupdate -w -c dgx", true);
    assertTrue(status(state).idle());
  }

  @Test
  void anAnswerWithoutTheCountIsNeverIdle() {
    ProvisioningStatus s = ProvisioningStatus.parse("\u001b[31mUnable to connect to CMDaemon\u001b[0m\n");
    assertFalse(s.recognised());
    assertFalse(s.idle());
    assertEquals("unrecognised answer: Unable to connect to CMDaemon", s.summary());
  }
}
