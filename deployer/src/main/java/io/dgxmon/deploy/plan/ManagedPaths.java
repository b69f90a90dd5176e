package io.dgxmon.deploy.plan;

import java.util.List;
import java.util.stream.Stream;

/** The remote paths whose current state the preflight probe reads, by kind, in plan order. */
public record ManagedPaths(List<String> files, List<String> trees, List<String> links, List<String> dirs) {
  public static final ManagedPaths NONE = new ManagedPaths(List.of(), List.of(), List.of(), List.of());

  public ManagedPaths {
    files = List.copyOf(files);
    trees = List.copyOf(trees);
    links = List.copyOf(links);
    dirs = List.copyOf(dirs);
  }

  public ManagedPaths withFile(String path) {
    return plus(new ManagedPaths(List.of(path), List.of(), List.of(), List.of()));
  }

  public ManagedPaths withTree(String dir) {
    return plus(new ManagedPaths(List.of(), List.of(dir), List.of(), List.of()));
  }

  public ManagedPaths withLink(String path) {
    return plus(new ManagedPaths(List.of(), List.of(), List.of(path), List.of()));
  }

  public ManagedPaths withDir(String path) {
    return plus(new ManagedPaths(List.of(), List.of(), List.of(), List.of(path)));
  }

  /** Both, this one's paths first. */
  public ManagedPaths plus(ManagedPaths o) {
    return new ManagedPaths(concat(files, o.files), concat(trees, o.trees), concat(links, o.links),
        concat(dirs, o.dirs));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
