package io.dgxmon.deploy.cmsh;

/**
 * How to wait for a provisioning operation after its cmsh command returned: poll {@link #statusCall} every
 * {@code pollSeconds} until {@link ProvisioningWatch} says done, or give up after {@code timeoutSeconds}.
 */
public record ProvisioningWait(CmshCall statusCall, int timeoutSeconds, int pollSeconds) {
  /** The documented way to see the provisioning subsystem's state (softwareimage mode; layout: a guess). */
  public static final String STATUS_SCRIPT = "softwareimage; provisioningstatus";
  /** Idle polls in a row that count as done when the operation was never seen running. */
  public static final int SETTLE_POLLS = 2;

  public static ProvisioningWait of(String cmsh, int timeoutSeconds, int pollSeconds) {
    return new ProvisioningWait(new CmshCall(cmsh, STATUS_SCRIPT), timeoutSeconds, pollSeconds);
  }

  /** One line for plan.txt and the step fingerprint. */
  public String describe() {
    return "then poll every " + pollSeconds + " s until provisioning is idle, at most " + timeoutSeconds + " s";
  }
}
