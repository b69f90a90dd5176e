package io.dgxmon.testkit.cmsh;

import io.dgxmon.testkit.cmsh.ClusterState.Node;
import java.util.List;

/**
 * {@code grabimage} (node → image) and {@code imageupdate} (image → nodes): dry run unless {@code -w}; a real one
 * starts provisioning that may go on after the command returned ({@link Provisioning}).
 */
final class ImageActions {
  static final String DRY_RUN =
      "Performing dry run (use synclog command to review result, then pass -w to perform real update)...";

  private final CmshSession session;

  ImageActions(CmshSession session) {
    this.session = session;
  }

  void run(String command, CommandOptions options) {
    if (command.equals("grabimage")) {
      grab(options);
    } else {
      update(options);
    }
  }

  private void grab(CommandOptions options) {
    ClusterState state = session.state();
    Node node = DeviceMode.node(state, options.positional().isEmpty()
        ? session.requireObject("grabimage") : options.positional().get(0));
    String image = options.get("image").map(i -> SoftwareImageMode.require(state, i))
        .orElseGet(() -> currentImage(state, node));
    if (!options.has("write")) {
      session.print(DRY_RUN);
      session.print("grabimage [ COMPLETED ]");
      return;
    }
    boolean full = options.has("image");
    session.applyNow(s -> s.grabImages.add(new ClusterState.GrabImage(node.hostname, image, full)));
    Provisioning.start(session, "grabimage", List.of(node.hostname));
    session.print("grabimage [ COMPLETED ]");
  }

  private void update(CommandOptions options) {
    ClusterState state = session.state();
    List<String> nodes = options.positional().isEmpty() && !options.has("category") && !options.has("nodes")
        ? List.of(session.requireObject("imageupdate"))
        : DeviceMode.filter(state, options).stream().map(n -> n.hostname).toList();
    if (!options.has("write")) {
      session.print(DRY_RUN);
    } else {
      session.applyNow(s -> s.imageUpdates.add(new ClusterState.ImageUpdate(nodes)));
      Provisioning.start(session, "imageupdate", nodes);
    }
    session.print("imageupdate [ COMPLETED ]");
  }

  private static String currentImage(ClusterState state, Node node) {
    if (!node.softwareimage.isEmpty()) {
      return node.softwareimage;
    }
    return state.category(node.category).map(c -> c.softwareimage)
        .orElseThrow(() -> new CmshError("grabimage: " + node.hostname + " has no software image"));
  }
}
