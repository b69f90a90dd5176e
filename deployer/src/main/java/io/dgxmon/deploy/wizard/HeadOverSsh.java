package io.dgxmon.deploy.wizard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dgxmon.deploy.cmsh.ClusterDiscovery;
import io.dgxmon.deploy.cmsh.ClusterFacts;
import io.dgxmon.deploy.cli.Deployment;
import io.dgxmon.deploy.cmsh.RemoteCmsh;
import io.dgxmon.deploy.ssh.RemoteHost;
import io.dgxmon.deploy.ssh.SshConnector;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Discovery when the wizard runs off the head node: one SSH session to the head node with the answers given so far
 * (the deployer's own connector: key authentication, strict host keys), cmsh run there as root.
 */
public final class HeadOverSsh implements Wizard.HeadDiscovery {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final PrintWriter out;
  private final String cmsh;
  private final boolean acceptNewHostKeys;

  /** {@code cmsh}: its path on the head node. */
  public HeadOverSsh(PrintWriter out, String cmsh, boolean acceptNewHostKeys) {
    this.out = out;
    this.cmsh = cmsh;
    this.acceptNewHostKeys = acceptNewHostKeys;
  }

  @Override
  public ClusterFacts discover(String head, ObjectNode ssh) {
    String user = ssh.get("user").asText();
    out.println("Asking cmsh on " + head + " over SSH about the cluster (its answers become the defaults).");
    try {
      SshConnector connector = new SshConnector(Deployment.expandHome(ssh.get("identityFile").asText()),
          Deployment.expandHome(ssh.get("knownHostsFile").asText()), acceptNewHostKeys, Duration.ofSeconds(10));
      try (RemoteHost host = connector.connect(user, head, ssh.get("port").asInt())) {
        return ClusterDiscovery.discover(cmsh, new RemoteCmsh(host, !user.equals("root"), TIMEOUT));
      }
    } catch (IOException e) {
      out.println("  cmsh on " + head + " did not tell (" + e.getMessage() + "); asking for everything instead.");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
