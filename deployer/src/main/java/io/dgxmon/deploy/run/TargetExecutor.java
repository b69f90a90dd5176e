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

  private TargetResult runSteps(TargetPlan tp, RemoteHost host, TargetState start) {
    String name = tp.target().name();
    Record record = new Record(name, start);
    StepActions actions = new StepActions(host, tp.target(), settings, start.manifest(), record);
    record.actions = actions;
    Step current = null;
    try {
      for (Step step : tp.steps()) {
        current = step;
        if (settings.resume() && !step.id().equals("preflight") && start.isDone(step.id(), step.fingerprint())) {
          actions.finish();
          progress.step(name, step.id(), "done earlier (resume)");
          record.done++;
          continue;
        }
        actions.run(step);
      }
      current = null;
      actions.finish();
    } catch (IOException e) {
      // A step of a compound command names itself; otherwise it is the one being started (or the last one).
      String failed = e instanceof StepActions.StepFailure f && f.step() != null ? f.step().id()
          : current != null ? current.id() : tp.steps().get(tp.steps().size() - 1).id();
      saveQuietly(name, record.state.withManifest(actions.manifest()).withoutStep(failed));
      progress.step(name, failed, "FAILED: " + e.getMessage());
      return failed(name, record.done, tp.steps().size(), failed, e.getMessage(), record.warnings);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(name, record.done, tp.steps().size(), current == null ? "-" : current.id(), "interrupted",
          record.warnings);
    }
    return new TargetResult(name, record.done, tp.steps().size(), null, null, record.uploads, record.bytes,
        List.copyOf(record.warnings));
  }

  /** Records each finished step as StepActions reports it: state file, progress line, totals. */
  private final class Record implements StepActions.Recorder {
    final String name;
    final List<String> warnings = new ArrayList<>();
    TargetState state;
    StepActions actions;
    int done;
    int uploads;
    long bytes;

    Record(String name, TargetState state) {
      this.name = name;
      this.state = state;
    }

    @Override
    public void done(Step step, StepActions.Outcome o, String timing) throws IOException {
      state = state.withManifest(actions.manifest()).withStep(step.id(), step.fingerprint());
      store.save(name, state);
      uploads += o.uploads();
      bytes += o.bytes();
      o.warnings().forEach(w -> progress.step(name, step.id(), "WARNING: " + w));
      warnings.addAll(o.warnings());
      progress.step(name, step.id(), o.summary() + timing);
      done++;
    }
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
}
