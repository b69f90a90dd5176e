package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/** A symbolic link {@code path -> target}; the target is as seen by the booted node, so never root-prefixed. */
public record Link(String path, String target) implements Action {

  @Override
  public String describe() {
    return "link " + path + " -> " + target;
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of("$ " + RemoteCommands.link(this));
  }

  @Override
  public ManagedPaths managedPaths() {
    return ManagedPaths.NONE.withLink(path);
  }

  @Override
  public InstallManifest installs() {
    return InstallManifest.EMPTY.withLink(path);
  }

  @Override
  public List<Payload> uploads() {
    return List.of();
  }

  @Override
  public void writeDryRun(DryRun.Output out) throws IOException {
    out.link(path, target);
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.link(this);
  }
}
