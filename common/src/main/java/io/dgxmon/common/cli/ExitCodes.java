package io.dgxmon.common.cli;

/**
 * What an exit status means, the same in every dgxmon program. The units are written around these values:
 * {@code Restart=on-failure} restarts on 1 (a runtime failure may pass: a port still held by the old process, a
 * file system not yet mounted), {@code RestartPreventExitStatus=2} stops a restart loop on 2 (a bad config or command
 * line needs a person), and {@code SuccessExitStatus=143} counts the JVM's answer to SIGTERM as a clean stop.
 */
public final class ExitCodes {
  private ExitCodes() {}

  /** Done, or (daemons) stopped on purpose. */
  public static final int OK = 0;
  /** Something at run time failed: a port cannot be bound, a cycle failed, a target failed. Worth a retry. */
  public static final int RUNTIME_FAILURE = 1;
  /** The command line or the config file is wrong; retrying cannot help. Also picocli's usage-error code. */
  public static final int USAGE = 2;
  /** The JVM's status after SIGTERM (128 + 15): a clean stop by systemd. */
  public static final int STOPPED_BY_SIGTERM = 143;
}
