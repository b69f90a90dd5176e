package io.dgxmon.deploy.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** plan.txt: every target, step, upload and remote command of a plan, in order, with no timestamps. */
public final class PlanText {
  private PlanText() {}

  public static String render(DeploymentPlan plan) {
    StringBuilder out = new StringBuilder();
    out.append("# dgxmon deployment plan. Dry run: no host was contacted.\n")
        .append("# Commands run as root on the target; for a non-root SSH user through `sudo -n sh -c '...'`.\n")
        .append("# Small text files are written from the command line (a step's files in one command), others\n")
        .append("# streamed on the command's stdin; a file is skipped when the remote file already has the same\n")
        .append("# sha256 and mode; a tree when its ").append(RemoteCommands.TREE_MARKER)
        .append(" matches; a link when it already points there.\n")
        .append("# Consecutive steps that need only root shell commands (the first of them may stream one file on\n")
        .append("# stdin) go to the host as ONE command: their commands below in order, the directories of all of\n")
        .append("# them created first, and after each step a marker line with a random nonce drawn for that\n")
        .append("# command, so each step is still recorded, reported and resumed on its own.\n");
    List<TargetPlan> all = new ArrayList<>(plan.targets());
    if (plan.finish() != null) {
      all.add(plan.finish());
    }
    for (TargetPlan tp : all) {
      Target t = tp.target();
      out.append("\n== ").append(t.name()).append(" (").append(t.kind().name().toLowerCase(Locale.ROOT))
          .append(", ").append(t.user()).append('@').append(t.address()).append(':').append(t.port())
          .append(", root ").append(t.root()).append(", ").append(t.arch())
          .append(tp == plan.finish() ? ", after every target succeeded" : "").append(")\n");
      for (Step s : tp.steps()) {
        out.append('[').append(s.id()).append("] ").append(s.title()).append('\n');
        for (Action a : s.actions()) {
          out.append("  # ").append(a.describe()).append('\n');
          a.planLines(t).forEach(l -> out.append("  ").append(l).append('\n'));
        }
      }
    }
    return out.toString();
  }
}
