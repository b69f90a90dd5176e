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

/** One stable line per action: used for plan.txt and for step fingerprints (so it names every input). */
public final class ActionText {
  private ActionText() {}

  public static String describe(Action action) {
    if (action instanceof PutFile f) {
      return "put " + f.path() + " mode " + f.mode() + " from " + payload(f.payload());
    } else if (action instanceof PutTree t) {
      return "unpack " + t.dir() + "/ from " + payload(t.archive());
    } else if (action instanceof Link l) {
      return "link " + l.path() + " -> " + l.target();
    } else if (action instanceof MakeDir m) {
      return "mkdir " + m.path();
    } else if (action instanceof EnableUnit u) {
      return u.root().equals("/")
          ? "systemctl daemon-reload; systemctl enable " + u.unit() + "; systemctl restart " + u.unit()
              + " (start when nothing changed)"
          : "systemctl --root=" + u.root() + " enable " + u.unit() + " (nothing started)";
    } else if (action instanceof Probe p) {
      return "probe root " + p.root() + ": systemd, " + (p.checkNvml() ? "libnvidia-ml.so.1, " : "")
          + "free space >= " + p.minFreeMiB() + " MiB, sha256 of " + p.files().size() + " files, "
          + p.trees().size() + " trees, " + p.links().size() + " links, " + p.dirs().size() + " dirs";
    } else if (action instanceof CheckEndpoints e) {
      return "GET http://<address>:" + e.ports() + "/metrics from the deployer until it answers";
    } else if (action instanceof CheckWlmProlog w) {
      return w.cmsh() + " -c 'wlm; use " + w.wlm() + "; get prolog' (warn unless BCM's runner)";
    }
    return ((Run) action).command();
  }

  private static String payload(Payload p) {
    return p.isMissing() ? "MISSING " + p.name() + " (build it: ./setup.sh --build)"
        : p.name() + " (" + p.size() + " bytes, sha256 " + p.sha256() + ")";
  }
}
