package io.dgxmon.deploy.plan;

import io.dgxmon.deploy.config.DeployConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A step before its fingerprint is known; {@link #finish} adds the preflight probe and the fingerprints. */
record StepDraft(String id, String title, List<Action> actions, boolean dependsOnPrevious) {
  static StepDraft of(String id, String title, Action action) {
    return new StepDraft(id, title, List.of(action), false);
  }

  static TargetPlan finish(Target t, List<StepDraft> drafts, DeployConfig c) {
    List<StepDraft> all = new ArrayList<>();
    all.add(StepDraft.of("preflight", "preflight", probe(t, drafts, c)));
    all.addAll(drafts);
    return fingerprinted(t, all);
  }

  /** Fingerprints chain: a step that depends on the previous ones changes whenever any of them changes. */
  static TargetPlan fingerprinted(Target t, List<StepDraft> all) {
    List<Step> steps = new ArrayList<>();
    StringBuilder chain = new StringBuilder();
    for (StepDraft d : all) {
      StringBuilder text = new StringBuilder(t.name()).append('\n').append(d.id).append('\n');
      d.actions.forEach(a -> text.append(a.describe()).append('\n'));
      if (d.dependsOnPrevious) {
        text.append(chain);
      }
      String fingerprint = Payload.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
      chain.append(fingerprint).append('\n');
      steps.add(new Step(d.id, d.title, List.copyOf(d.actions), fingerprint));
    }
    return new TargetPlan(t, List.copyOf(steps));
  }

  /** The preflight reads the remote state of every path the other steps manage, so they can skip work. */
  private static Probe probe(Target t, List<StepDraft> drafts, DeployConfig c) {
    ManagedPaths paths = drafts.stream().flatMap(d -> d.actions.stream()).map(Action::managedPaths)
        .reduce(ManagedPaths.NONE, ManagedPaths::plus);
    TreeSet<String> dirs = new TreeSet<>(paths.dirs());
    List<String> managed = new ArrayList<>(paths.files());
    managed.addAll(paths.trees());
    managed.addAll(paths.links());
    managed.addAll(List.copyOf(dirs));
    managed.forEach(path -> addAncestors(path, t.root(), dirs));
    boolean nvml = t.kind() != Target.Kind.HEAD && c.preflight().nvml() != DeployConfig.NvmlCheck.SKIP;
    return new Probe(t.root(), nvml, c.preflight().minFreeMiB(),
        new ManagedPaths(paths.files(), paths.trees(), paths.links(), List.copyOf(dirs)));
  }

  /** Every directory between {@code root} (exclusive) and {@code path} (exclusive). */
  private static void addAncestors(String path, String root, TreeSet<String> dirs) {
    for (int i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
      String dir = path.substring(0, i);
      if (dir.length() <= root.length() && root.startsWith(dir)) {
        return;
      }
      dirs.add(dir);
    }
  }
}
