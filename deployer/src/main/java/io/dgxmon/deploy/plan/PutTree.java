package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/** Unpacks a tar archive as directory {@code dir} (swapped in atomically); skipped when its marker matches. */
public record PutTree(String dir, Payload archive) implements Action {

  @Override
  public String describe() {
    return "unpack " + dir + "/ from " + archive.describe();
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of("$ " + RemoteCommands.unpack(this) + "  < " + archive.name() + " (streamed)");
  }

  @Override
  public ManagedPaths managedPaths() {
    return ManagedPaths.NONE.withTree(dir);
  }

  @Override
  public InstallManifest installs() {
    return InstallManifest.EMPTY.withTree(dir);
  }

  @Override
  public List<Payload> uploads() {
    return List.of(archive);
  }

  @Override
  public void writeDryRun(DryRun.Output out) {
    // A built binary: plan.txt lists its size and sha256 instead.
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.putTree(this);
  }
}
