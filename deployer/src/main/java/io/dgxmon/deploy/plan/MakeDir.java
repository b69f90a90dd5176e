package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/** A directory that must exist (mode 0755); uninstall removes it only if the probe saw it missing and it is empty. */
public record MakeDir(String path) implements Action {

  @Override
  public String describe() {
    return "mkdir " + path;
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of("$ " + RemoteCommands.mkdir(this));
  }

  @Override
  public ManagedPaths managedPaths() {
    return ManagedPaths.NONE.withDir(path);
  }

  @Override
  public InstallManifest installs() {
    return InstallManifest.EMPTY; // recorded as a created directory by the preflight, when it was missing
  }

  @Override
  public List<Payload> uploads() {
    return List.of();
  }

  @Override
  public void writeDryRun(DryRun.Output out) {
    // An empty directory says nothing plan.txt does not.
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.makeDir(this);
  }
}
