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
    return root.equals("/") ? path : root + path;
  }

  /** The symlink {@code systemctl enable} creates for a unit wanted by multi-user.target. */
  public String wantsLink(String unit) {
    return under("/etc/systemd/system/multi-user.target.wants/" + unit);
  }
}
