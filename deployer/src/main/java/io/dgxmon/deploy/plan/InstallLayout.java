package io.dgxmon.deploy.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one target's plan can install (files, trees, links, units) and every directory it can create (the
 * preflight's managed directories, ancestors included). Uninstall removes only manifest entries found here: a state
 * file is input, and a path appended to it must never reach {@code rm -rf} as root.
 */
public record InstallLayout(InstallManifest installable, Set<String> creatableDirs) {
  public InstallLayout {
    creatableDirs = Set.copyOf(creatableDirs);
  }

  /** A manifest cut down to this layout, and each entry left out as "kind path". */
  public record Checked(InstallManifest kept, List<String> refused) {}

  public static InstallLayout of(TargetPlan plan) {
    InstallManifest installable = InstallManifest.EMPTY;
    Set<String> dirs = new HashSet<>();
    for (Step step : plan.steps()) {
      for (Action a : step.actions()) {
        installable = installable.plus(a.installs());
        if (a instanceof Probe probe) {
          dirs.addAll(probe.paths().dirs());
        }
      }
    }
    return new InstallLayout(installable, dirs);
  }

  public Checked check(InstallManifest recorded) {
    List<String> refused = new ArrayList<>();
    InstallManifest kept = new InstallManifest(
        keep("file", recorded.files(), Set.copyOf(installable.files()), refused),
        keep("tree", recorded.trees(), Set.copyOf(installable.trees()), refused),
        keep("link", recorded.links(), Set.copyOf(installable.links()), refused),
        keep("unit", recorded.units(), Set.copyOf(installable.units()), refused),
        keep("directory", recorded.createdDirs(), creatableDirs, refused));
    return new Checked(kept, List.copyOf(refused));
  }

  private static List<String> keep(String kind, List<String> recorded, Set<String> allowed, List<String> refused) {
    List<String> kept = new ArrayList<>();
    for (String entry : recorded) {
      if (allowed.contains(entry)) {
        kept.add(entry);
      } else {
        refused.add(kind + " " + entry);
      }
    }
    return kept;
  }
}
