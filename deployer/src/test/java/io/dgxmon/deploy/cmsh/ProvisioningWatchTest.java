package io.dgxmon.deploy.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.deploy.cmsh.ProvisioningWatch.State;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvisioningWatchTest {
  private static final ProvisioningStatus IDLE = new ProvisioningStatus(true, 0, List.of(), false, "idle");
  private static final ProvisioningStatus BUSY = new ProvisioningStatus(true, 1, List.of("dgx-01"), false, "busy");
  private static final ProvisioningStatus GARBLED = ProvisioningStatus.parse("what?");

  private static State run(ProvisioningWatch w, ProvisioningStatus... polls) {
    State last = null;
    for (int i = 0; i < polls.length; i++) {
      last = w.observe(polls[i], Duration.ofSeconds(i)).state();
    }
    return last;
  }

  @Test
  void idleAfterBusyIsDoneAtOnce() {
    assertEquals(State.DONE, run(new ProvisioningWatch(Duration.ofSeconds(60), 2), BUSY, BUSY, IDLE));
  }

  @Test
  void idleFromTheStartCountsOnlyAfterTheSettlePolls() {
    ProvisioningWatch w = new ProvisioningWatch(Duration.ofSeconds(60), 2);
    assertEquals(State.RUNNING, w.observe(IDLE, Duration.ZERO).state());
    assertEquals(State.DONE, w.observe(IDLE, Duration.ofSeconds(1)).state());
  }

  @Test
  void anUnreadableAnswerIsNeverDoneAndTimesOutWithTheLastStatus() {
    ProvisioningWatch w = new ProvisioningWatch(Duration.ofSeconds(2), 2);
    assertEquals(State.RUNNING, w.observe(IDLE, Duration.ZERO).state());
    assertEquals(State.RUNNING, w.observe(GARBLED, Duration.ofSeconds(1)).state());
    ProvisioningWatch.Verdict v = w.observe(BUSY, Duration.ofSeconds(2));
    assertEquals(new ProvisioningWatch.Verdict(State.TIMED_OUT, "busy"), v);
  }
}
