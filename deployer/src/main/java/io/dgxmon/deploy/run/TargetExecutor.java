package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.Step;
import io.dgxmon.deploy.plan.TargetPlan;
import io.dgxmon.deploy.ssh.RemoteHost;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Runs one target's steps in order over one session, recording each finished step; stops at the first failure. */
final class TargetExecutor {
  private final Connect connect;
  private final RunSettings settings;
  private final StateStore store;
  private final Progress progress;
  private final String configHash;

  TargetExecutor(Connect connect, RunSettings settings, StateStore store, Progress progress, String configHash) {
    this.connect = connect;
    this.settings = settings;
    this.store = store;
    this.progress = progress;
    this.configHash = configHash;
  }

  TargetResult run(TargetPlan tp) {
    String name = tp.target().name();
    int total = tp.steps().size();
    TargetState state;
    try {
      state = store.load(name).withConfigHash(configHash);
    } catch (IOException e) {
      return failed(name, 0, total, "state", e.getMessage(), List.of());
    }
    RemoteHost host;
    try {
      host = connect.open(tp.target());
    } catch (IOException e) {
      progress.step(name, "connect", "FAILED: " + e.getMessage());
      return failed(name, 0, total, tp.steps().get(0).id(), e.getMessage(), List.of());
    }
    try (host) {
      return runSteps(tp, host, state);
    }
  }

  private TargetResult runSteps(TargetPlan tp, RemoteHost host, TargetState state) {
    String name = tp.target().name();
    StepActions actions = new StepActions(host, tp.target(), settings, state.manifest());
    int done = 0;
    int uploads = 0;
    long bytes = 0;
    List<String> warnings = new ArrayList<>();
    for (Step step : tp.steps()) {
      if (settings.resume() && !step.id().equals("preflight") && state.isDone(step.id(), step.fingerprint())) {
        progress.step(name, step.id(), "done earlier (resume)");
        done++;
        continue;
      }
      long start = System.nanoTime();
      try {
        StepActions.Outcome o = actions.run(step);
        state = state.withManifest(actions.manifest()).withStep(step.id(), step.fingerprint());
        store.save(name, state);
        uploads += o.uploads();
        bytes += o.bytes();
        o.warnings().forEach(w -> progress.step(name, step.id(), "WARNING: " + w));
        warnings.addAll(o.warnings());
        progress.step(name, step.id(), o.summary() + seconds(start));
        done++;
      } catch (IOException e) {
        saveQuietly(name, state.withManifest(actions.manifest()).withoutStep(step.id()));
        progress.step(name, step.id(), "FAILED: " + e.getMessage());
        return failed(name, done, tp.steps().size(), step.id(), e.getMessage(), warnings);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return failed(name, done, tp.steps().size(), step.id(), "interrupted", warnings);
      }
    }
    return new TargetResult(name, done, tp.steps().size(), null, null, uploads, bytes, List.copyOf(warnings));
  }

  private void saveQuietly(String name, TargetState state) {
    try {
      store.save(name, state);
    } catch (IOException e) {
      progress.step(name, "state", "cannot save " + e.getMessage());
    }
  }

  private static TargetResult failed(String name, int done, int total, String step, String reason,
      List<String> warnings) {
    return new TargetResult(name, done, total, step, reason, 0, 0, List.copyOf(warnings));
  }

  private static String seconds(long start) {
    return String.format(java.util.Locale.ROOT, " (%.1f s)", (System.nanoTime() - start) / 1e9);
  }
}
