package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.InstallLayout;
import io.dgxmon.deploy.plan.InstallManifest;
import io.dgxmon.deploy.plan.RemoteCommands;
import io.dgxmon.deploy.plan.Target;
import io.dgxmon.deploy.plan.TargetPlan;
import io.dgxmon.deploy.ssh.RemoteHost;
import io.dgxmon.deploy.ssh.RemoteHost.ExecResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Removes what the install manifest (state file) says was installed: units disabled, files, links and trees
 * removed, and the directories this tool created removed when empty. Targets without a manifest are left alone.
 * Only entries the target's plan could have installed ({@link InstallLayout}) are removed; any other is skipped
 * with a warning naming it, so a path written into a state file never reaches {@code rm -rf}.
 */
public final class Uninstaller {
  private final Connect connect;
  private final RunSettings settings;
  private final StateStore store;
  private final Progress progress;

  public Uninstaller(Connect connect, RunSettings settings, StateStore store, Progress progress) {
    this.connect = connect;
    this.settings = settings;
    this.store = store;
    this.progress = progress;
  }

  public List<TargetResult> run(List<TargetPlan> targets) throws InterruptedException {
    List<TargetResult> results = ParallelTargets.run(targets, settings.concurrency(), this::uninstall);
    results.sort(Comparator.comparing(TargetResult::target));
    return results;
  }

  private TargetResult uninstall(TargetPlan tp) {
    Target t = tp.target();
    String name = t.name();
    try {
      if (!store.exists(name)) {
        progress.step(name, "uninstall", "nothing recorded in " + store.dir() + "; left alone");
        return new TargetResult(name, 0, 0, null, null, 0, 0, List.of());
      }
      Path stateFile = store.file(name);
      InstallLayout.Checked checked = InstallLayout.of(tp).check(store.load(name).manifest());
      List<String> warnings = checked.refused().stream().map(e -> "not removing " + e + ": recorded in "
          + stateFile + " but not something this config installs on " + name).toList();
      warnings.forEach(w -> progress.step(name, "uninstall", "WARNING: " + w));
      InstallManifest installed = checked.kept();
      try (RemoteHost host = connect.open(t)) {
        ExecResult r = host.exec(RemoteCommands.asRoot(script(t, installed), settings.sudoFor(t.user())),
            settings.commandTimeout());
        if (!r.ok()) {
          progress.step(name, "uninstall", "FAILED: " + r.reason());
          return new TargetResult(name, 0, 1, "uninstall", r.reason(), 0, 0, warnings);
        }
      }
      store.delete(name);
      int removed = installed.files().size() + installed.links().size() + installed.trees().size();
      progress.step(name, "uninstall", "removed " + removed + " path(s) and " + installed.units().size() + " unit(s)");
      return new TargetResult(name, 1, 1, null, null, 0, 0, warnings);
    } catch (IOException e) {
      progress.step(name, "uninstall", "FAILED: " + e.getMessage());
      return new TargetResult(name, 0, 1, "uninstall", e.getMessage(), 0, 0, List.of());
    }
  }

  /** One root shell script; directories go deepest first and only when empty (others' files stay). */
  static String script(Target t, InstallManifest installed) {
    List<String> parts = new ArrayList<>();
    parts.add("rc=0");
    for (String unit : installed.units()) {
      String unitCmd = t.startsServices()
          ? "systemctl disable --now " + RemoteCommands.q(unit)
          : "systemctl --root=" + RemoteCommands.q(t.root()) + " disable " + RemoteCommands.q(unit);
      parts.add("{ " + unitCmd + " || rc=1; }");
    }
    List<String> plain = new ArrayList<>(installed.files());
    plain.addAll(installed.links());
    if (!plain.isEmpty()) {
      parts.add("{ rm -f -- " + RemoteCommands.join(plain) + " || rc=1; }");
    }
    List<String> trees = new ArrayList<>();
    installed.trees()
        .forEach(tree -> trees.addAll(List.of(tree, tree + RemoteCommands.NEW, tree + RemoteCommands.OLD)));
    if (!trees.isEmpty()) {
      parts.add("{ rm -rf -- " + RemoteCommands.join(trees) + " || rc=1; }");
    }
    if (t.startsServices() && !installed.units().isEmpty()) {
      parts.add("systemctl daemon-reload");
    }
    List<String> dirs = new ArrayList<>(installed.createdDirs());
    dirs.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.reverseOrder()));
    if (!dirs.isEmpty()) {
      parts.add("for d in " + RemoteCommands.join(dirs) + "; do rmdir -- \"$d\" 2>/dev/null; done");
    }
    parts.add("exit $rc");
    return String.join("; ", parts);
  }
}
