package io.dgxmon.testkit.cmsh;

import java.util.List;

/** Display text of a device state as cmsh prints it: a centred bracket plus reason and flags. */
final class StatusText {
  private StatusText() {}

  /** {@code [   UP   ]}: states up to 6 characters are centred in 6, up to 19 in 19, longer ones as is. */
  static String bracket(String state) {
    String s = state.toUpperCase();
    int width = s.length() <= 6 ? 6 : Math.max(19, s.length());
    int pad = width - s.length();
    int left = pad / 2;
    return "[ " + " ".repeat(left) + s + " ".repeat(pad - left) + " ]";
  }

  /** The Status cell of {@code device list}: {@code [  DOWN  ] (reason), flag, flag}. */
  static String listCell(ClusterState.Node node) {
    StringBuilder s = new StringBuilder(bracket(node.status));
    if (node.statusReason != null && !node.statusReason.isEmpty()) {
      s.append(" (").append(node.statusReason).append(')');
    }
    for (String flag : node.statusFlags) {
      s.append(", ").append(flag);
    }
    return s.toString();
  }

  /** Lines of {@code status}: {@code <host> <dots> [ STATE ] (reason) flags}, dots to a common column. */
  static String statusLines(List<ClusterState.Node> nodes) {
    int column = Math.max(21, nodes.stream().mapToInt(n -> n.hostname.length() + 6).max().orElse(0));
    StringBuilder out = new StringBuilder();
    for (ClusterState.Node n : nodes) {
      out.append(n.hostname).append(' ').append(".".repeat(column - n.hostname.length() - 1))
          .append(' ').append(bracket(n.status));
      if (n.statusReason != null && !n.statusReason.isEmpty()) {
        out.append(" (").append(n.statusReason).append(')');
      }
      if (!n.statusFlags.isEmpty()) {
        out.append(' ').append(String.join(", ", n.statusFlags));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
