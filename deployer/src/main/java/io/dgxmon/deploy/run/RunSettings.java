package io.dgxmon.deploy.run;

import io.dgxmon.deploy.config.DeployConfig;
import java.time.Duration;

/** How a run behaves, taken from the config and the command line. */
public record RunSettings(
    boolean resume,
    String stagingBase,
    Duration commandTimeout,
    boolean sudo,
    DeployConfig.NvmlCheck nvml,
    Duration endpointTimeout,
    int concurrency) {

  public static RunSettings of(DeployConfig c, boolean resume) {
    return new RunSettings(resume, c.ssh().stagingDir(), Duration.ofSeconds(c.ssh().commandTimeoutSeconds()),
        c.ssh().sudo(), c.preflight().nvml(), Duration.ofSeconds(60), c.ssh().concurrency());
  }

  /** sudo is used only when asked for and the SSH user is not root. */
  public boolean sudoFor(String user) {
    return sudo && !user.equals("root");
  }
}
