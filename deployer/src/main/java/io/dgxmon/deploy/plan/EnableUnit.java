package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/** Enables a unit: started (or restarted after a change) under root {@code /}, only enabled under any other root. */
public record EnableUnit(String unit, String root) implements Action {
  static final String WANTS_DIR = "/etc/systemd/system/multi-user.target.wants";

  public boolean startsServices() {
    return root.equals("/");
  }

  /** The symlink {@code systemctl enable} creates for a unit wanted by multi-user.target. */
  public String wantsLink() {
    return Target.under(root, WANTS_DIR + "/" + unit);
  }

  @Override
  public String describe() {
    return startsServices()
        ? "systemctl daemon-reload; systemctl enable " + unit + "; systemctl restart " + unit
            + " (start when nothing changed)"
        : "systemctl --root=" + root + " enable " + unit + " (nothing started)";
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of("$ " + RemoteCommands.enable(this, true));
  }

  @Override
  public ManagedPaths managedPaths() {
    return ManagedPaths.NONE.withDir(Target.under(root, WANTS_DIR)).withLink(wantsLink());
  }

  @Override
  public InstallManifest installs() {
    return InstallManifest.EMPTY.withUnit(unit);
  }

  @Override
  public List<Payload> uploads() {
    return List.of();
  }

  @Override
  public void writeDryRun(DryRun.Output out) {
    // systemctl makes the wants/ link; plan.txt shows the command.
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.enableUnit(this);
  }
}
