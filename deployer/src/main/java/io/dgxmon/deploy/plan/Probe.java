package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/**
 * Checks before anything is written (systemd, NVML, free space under {@code root}); also reads the remote state of
 * every managed path, which lets later steps skip work and tells uninstall which directories were created.
 */
public record Probe(String root, boolean checkNvml, int minFreeMiB, ManagedPaths paths)
    implements Action.PlacesNothing {

  @Override
  public String describe() {
    return "probe root " + root + ": systemd, " + (checkNvml ? "libnvidia-ml.so.1, " : "")
        + "free space >= " + minFreeMiB + " MiB, sha256 of " + paths.files().size() + " files, "
        + paths.trees().size() + " trees, " + paths.links().size() + " links, " + paths.dirs().size() + " dirs";
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of("$ " + RemoteCommands.probe(this));
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.probe(this);
  }
}
