package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.DeploymentPlan;
import io.dgxmon.deploy.plan.TargetPlan;
import java.util.Comparator;
import java.util.List;

/**
 * Runs every target of a plan on a bounded pool feeding a completion service; one target's failure never stops the
 * others. The head node's finishing steps (image capture) run only when every target succeeded.
 */
public final class DeployRunner {
  private final TargetExecutor executor;
  private final int concurrency;
  private final Progress progress;

  public DeployRunner(Connect connect, RunSettings settings, StateStore store, Progress progress, String configHash) {
    this.executor = new TargetExecutor(connect, settings, store, progress, configHash);
    this.concurrency = settings.concurrency();
    this.progress = progress;
  }

  /** The results, sorted by target name. */
  public List<TargetResult> run(DeploymentPlan plan) throws InterruptedException {
    List<TargetResult> results = runAll(plan.targets());
    if (plan.finish() != null) {
      if (results.stream().allMatch(TargetResult::ok)) {
        TargetResult finish = ParallelTargets.contained(plan.finish(), executor::run);
        results.add(new TargetResult(finish.target() + " (finish)", finish.stepsDone(), finish.stepsTotal(),
            finish.failedStep(), finish.reason(), finish.uploads(), finish.bytesUploaded(), finish.warnings()));
      } else {
        progress.step(plan.finish().target().name(), "grabimage", "not run: a target failed");
      }
    }
    results.sort(Comparator.comparing(TargetResult::target));
    return results;
  }

  private List<TargetResult> runAll(List<TargetPlan> targets) throws InterruptedException {
    return ParallelTargets.run(targets, concurrency, executor::run);
  }
}
