package io.dgxmon.deploy.plan;

import java.util.List;

/** A plain root command on the target (cmsh grabimage); its last output line is the step's summary. */
public record RunCommand(String command) implements Action {

  @Override
  public String describe() {
    return command;
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of("$ " + command);
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
    // Its effect is on the head node's image store, not a file of ours.
  }

  @Override
  public void handleWith(ActionHandler handler) throws java.io.IOException, InterruptedException {
    handler.runCommand(this);
  }
}
