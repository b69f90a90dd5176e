package io.dgxmon.deploy.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a target has received, for uninstall: files, trees, links, enabled units, and the directories that did not
 * exist before (removed again only when empty). Immutable; {@link #plus} is a union that keeps first-seen order.
 */
public record InstallManifest(
    List<String> files, List<String> trees, List<String> links, List<String> units, List<String> createdDirs) {
  public static final InstallManifest EMPTY =
      new InstallManifest(List.of(), List.of(), List.of(), List.of(), List.of());

  /** Null lists (a state file from before a kind was recorded) read as empty. */
  public InstallManifest {
    files = copy(files);
    trees = copy(trees);
    links = copy(links);
    units = copy(units);
    createdDirs = copy(createdDirs);
  }

  public InstallManifest withFile(String path) {
    return plus(new InstallManifest(List.of(path), List.of(), List.of(), List.of(), List.of()));
  }

  public InstallManifest withTree(String dir) {
    return plus(new InstallManifest(List.of(), List.of(dir), List.of(), List.of(), List.of()));
  }

  public InstallManifest withLink(String path) {
    return plus(new InstallManifest(List.of(), List.of(), List.of(path), List.of(), List.of()));
  }

  public InstallManifest withUnit(String unit) {
    return plus(new InstallManifest(List.of(), List.of(), List.of(), List.of(unit), List.of()));
  }

  public InstallManifest withCreatedDirs(List<String> dirs) {
    return plus(new InstallManifest(List.of(), List.of(), List.of(), List.of(), dirs));
  }

  public InstallManifest plus(InstallManifest o) {
    return new InstallManifest(union(files, o.files), union(trees, o.trees), union(links, o.links),
        union(units, o.units), union(createdDirs, o.createdDirs));
  }

  private static List<String> union(List<String> a, List<String> b) {
    Set<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static List<String> copy(List<String> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}
