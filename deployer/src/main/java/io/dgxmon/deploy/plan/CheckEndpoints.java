package io.dgxmon.deploy.plan;

import java.util.List;

/** HTTP GET of /metrics on each port of the target's address, from the deployer, until it answers. */
public record CheckEndpoints(List<Integer> ports) implements Action {

  public CheckEndpoints {
    ports = List.copyOf(ports);
  }

  @Override
  public String describe() {
    return "GET http://<address>:" + ports + "/metrics from the deployer until it answers";
  }

  @Override
  public List<String> planLines(Target t) {
    return ports.stream().map(port -> "GET http://" + t.address() + ":" + port + "/metrics").toList();
  }

  @Override
  public ManagedPaths managedPaths() {
    return ManagedPaths.NONE;
  }

  @Override
  public InstallManifest installs() {
    return InstallManifest.EMPTY;
  }

  @Override
  public List<Payload> uploads() {
    return List.of();
  }

  @Override
  public void writeDryRun(DryRun.Output out) {
    // A request from the deployer; nothing lands on the target.
  }

  @Override
  public void handleWith(ActionHandler handler) throws java.io.IOException, InterruptedException {
    handler.checkEndpoints(this);
  }
}
