package io.dgxmon.deploy.run;

import io.dgxmon.deploy.plan.TargetPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** A bounded pool feeding a completion service: every target gets one result, whatever the others do. */
public final class ParallelTargets {
  private ParallelTargets() {}

  public static List<TargetResult> run(List<TargetPlan> targets, int concurrency, Function<TargetPlan, TargetResult> work)
      throws InterruptedException {
    if (targets.isEmpty()) {
      return new ArrayList<>();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, targets.size())), r -> {
      Thread t = new Thread(r, "dgxmon-target");
      t.setDaemon(true);
      return t;
    });
    try {
      CompletionService<TargetResult> done = new ExecutorCompletionService<>(pool);
      targets.forEach(tp -> done.submit(() -> work.apply(tp)));
      List<TargetResult> results = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        try {
          results.add(done.take().get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("a worker crashed", e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
