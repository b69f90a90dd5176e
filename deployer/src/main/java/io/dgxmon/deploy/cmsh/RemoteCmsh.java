package io.dgxmon.deploy.cmsh;

import io.dgxmon.deploy.plan.RemoteCommands;
import io.dgxmon.deploy.ssh.RemoteHost;
import java.io.IOException;
import java.time.Duration;

/** cmsh on the head node over the deployer's SSH session, as root (through {@code sudo -n} for another user). */
public final class RemoteCmsh implements ClusterDiscovery.CmshRunner {
  private final RemoteHost host;
  private final boolean sudo;
  private final Duration timeout;

  public RemoteCmsh(RemoteHost host, boolean sudo, Duration timeout) {
    this.host = host;
    this.sudo = sudo;
    this.timeout = timeout;
  }

  @Override
  public String run(CmshCall call) throws IOException {
    RemoteHost.ExecResult r = host.exec(RemoteCommands.asRoot(call.commandLine(), sudo), timeout);
    if (!r.ok()) {
      throw new IOException("cmsh exited " + r.exitCode() + " for '" + call.script() + "': " + r.reason());
    }
    return r.stdout();
  }
}
