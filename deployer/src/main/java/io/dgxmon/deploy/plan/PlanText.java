package io.dgxmon.deploy.plan;

import io.dgxmon.deploy.plan.Action.CheckEndpoints;
import io.dgxmon.deploy.plan.Action.CheckWlmProlog;
import io.dgxmon.deploy.plan.Action.EnableUnit;
import io.dgxmon.deploy.plan.Action.Link;
import io.dgxmon.deploy.plan.Action.MakeDir;
import io.dgxmon.deploy.plan.Action.Probe;
import io.dgxmon.deploy.plan.Action.PutFile;
import io.dgxmon.deploy.plan.Action.PutTree;
import io.dgxmon.deploy.plan.Action.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** plan.txt: every target, step, upload and remote command of a plan, in order, with no timestamps. */
public final class PlanText {
  private PlanText() {}

  public static String render(DeploymentPlan plan, String stagingBase) {
    StringBuilder out = new StringBuilder();
    out.append("# dgxmon deployment plan. Dry run: no host was contacted.\n")
        .append("# Commands run as root on the target; for a non-root SSH user through `sudo -n sh -c '...'`.\n")
        .append("# An upload (SFTP) and its placement are skipped when the remote file already has the same\n")
        .append("# sha256 and mode; a tree when its ").append(RemoteCommands.TREE_MARKER)
        .append(" matches; a link when it already points there.\n");
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
      String staging = RemoteCommands.stagingDir(stagingBase, t);
      for (Step s : tp.steps()) {
        out.append('[').append(s.id()).append("] ").append(s.title()).append('\n');
        for (Action a : s.actions()) {
          out.append("  # ").append(ActionText.describe(a)).append('\n');
          lines(a, t, staging).forEach(l -> out.append("  ").append(l).append('\n'));
        }
      }
    }
    return out.toString();
  }

  private static List<String> lines(Action a, Target t, String staging) {
    if (a instanceof PutFile f) {
      String staged = RemoteCommands.staged(staging, f.payload());
      return List.of("upload " + f.payload().name() + " -> " + staged,
          "$ " + RemoteCommands.place(f, staged) + " && rm -f " + RemoteCommands.q(staged));
    } else if (a instanceof PutTree tree) {
      return List.of("$ " + RemoteCommands.unpack(tree) + "  < " + tree.archive().name() + " (streamed)");
    } else if (a instanceof Link l) {
      return List.of("$ " + RemoteCommands.link(l));
    } else if (a instanceof MakeDir m) {
      return List.of("$ " + RemoteCommands.mkdir(m));
    } else if (a instanceof EnableUnit u) {
      return List.of("$ " + RemoteCommands.enable(u, true));
    } else if (a instanceof Probe p) {
      return List.of("$ " + RemoteCommands.probe(p));
    } else if (a instanceof CheckEndpoints e) {
      return e.ports().stream().map(port -> "GET http://" + t.address() + ":" + port + "/metrics").toList();
    } else if (a instanceof CheckWlmProlog w) {
      return List.of("$ " + RemoteCommands.wlmProlog(w));
    }
    return List.of("$ " + ((Run) a).command());
  }
}
