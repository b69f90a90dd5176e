package io.dgxmon.testkit.cmsh;

import io.dgxmon.testkit.cmsh.ClusterState.Node;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** {@code grabimage} (node → image) and {@code imageupdate} (image → nodes): dry run unless {@code -w}. */
final class ImageActions {
  static final String DRY_RUN =
      "Performing dry run (use synclog command to review result, then pass -w to perform real update)...";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

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
    notices(state, List.of(node.hostname));
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
      notices(state, nodes);
    }
    session.print("imageupdate [ COMPLETED ]");
  }

  private void notices(ClusterState state, List<String> nodes) {
    String stamp = ZonedDateTime.now(ZoneOffset.UTC).format(STAMP);
    for (String verb : List.of("started", "completed")) {
      for (String node : nodes) {
        session.print(stamp + " [notice] " + state.headHostname + ": Provisioning " + verb + " on node " + node);
      }
    }
  }

  private static String currentImage(ClusterState state, Node node) {
    if (!node.softwareimage.isEmpty()) {
      return node.softwareimage;
    }
    return state.category(node.category).map(c -> c.softwareimage)
        .orElseThrow(() -> new CmshError("grabimage: " + node.hostname + " has no software image"));
  }
}
