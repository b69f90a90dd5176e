package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/** Places a file atomically with {@code mode} and 0:0 ownership; skipped when sha256, mode and owner already match. */
public record PutFile(String path, Payload payload, String mode) implements Action {

  @Override
  public String describe() {
    return "put " + path + " mode " + mode + " from " + payload.describe();
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of(RemoteCommands.inlineText(this).isPresent() ? "$ " + RemoteCommands.writeInline(List.of(this))
        : "$ " + RemoteCommands.receive(this) + "  < " + payload.name() + " (streamed)");
  }

  @Override
  public ManagedPaths managedPaths() {
    return ManagedPaths.NONE.withFile(path);
  }

  @Override
  public InstallManifest installs() {
    return InstallManifest.EMPTY.withFile(path);
  }

  @Override
  public List<Payload> uploads() {
    return List.of(payload);
  }

  @Override
  public void writeDryRun(DryRun.Output out) throws IOException {
    if (payload.isRendered()) {
      out.file(path, payload.bytes());
    }
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.putFile(this);
  }
}
