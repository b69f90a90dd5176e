package io.dgxmon.deploy.plan;

/** Where a list of steps runs: an SSH endpoint and the root directory the files go under. */
public record Target(String name, Kind kind, String address, int port, String user, String root, String arch) {

  /** A DGX node, a BCM software image (reached through the head node), or the head node itself. */
  public enum Kind {
    NODE,
    IMAGE,
    HEAD
  }

  public boolean startsServices() {
    return root.equals("/");
  }

  /** {@code path} (absolute inside the node) as seen on the SSH host: under the target root. */
  public String under(String path) {
    return under(root, path);
  }

  /** {@code path} (absolute inside the node) as seen on the SSH host when the node's files live under {@code root}. */
  public static String under(String root, String path) {
    return root.equals("/") ? path : root + path;
  }
}
