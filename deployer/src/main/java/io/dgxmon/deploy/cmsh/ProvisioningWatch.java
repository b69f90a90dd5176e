package io.dgxmon.deploy.cmsh;

import java.time.Duration;

/**
 * Decides, poll by poll, whether a provisioning operation ({@code grabimage -w}, {@code imageupdate -w},
 * {@code updateprovisioners}) has finished. The command's return is not its end: BCM prints "Provisioning completed"
 * afterwards (ADM11 §9.5.2 samples), so completion is read from {@code provisioningstatus}. The operation may not
 * show up at the first poll yet, or may already be over: idle counts as done once busy was seen, or after
 * {@code settlePolls} idle polls in a row.
 */
public final class ProvisioningWatch {
  /** What the watch concluded after a poll. */
  public enum State { RUNNING, DONE, TIMED_OUT }

  /** The conclusion and the last status seen (for the report). */
  public record Verdict(State state, String lastSeen) {}

  private final Duration timeout;
  private final int settlePolls;
  private boolean sawBusy;
  private int idleStreak;

  public ProvisioningWatch(Duration timeout, int settlePolls) {
    this.timeout = timeout;
    this.settlePolls = settlePolls;
  }

  /** Feeds the status seen {@code elapsed} after the command returned. */
  public Verdict observe(ProvisioningStatus status, Duration elapsed) {
    if (status.idle()) {
      idleStreak++;
      if (sawBusy || idleStreak >= settlePolls) {
        return new Verdict(State.DONE, status.summary());
      }
    } else {
      idleStreak = 0;
      sawBusy |= status.recognised();
    }
    State state = elapsed.compareTo(timeout) >= 0 ? State.TIMED_OUT : State.RUNNING;
    return new Verdict(state, status.summary());
  }
}
