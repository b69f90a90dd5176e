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

/**
 * A bounded pool feeding a completion service: every target gets one result, whatever the others do. Anything one
 * target's work throws (a bug included) becomes that target's failed result, so the run still ends with a summary.
 */
public final class ParallelTargets {
  /** The failed-step column of a target whose work threw instead of returning a result. */
  public static final String CRASHED = "internal error";

  private ParallelTargets() {}

  public static List<TargetResult> run(List<TargetPlan> targets, int concurrency,
      Function<TargetPlan, TargetResult> work) throws InterruptedException {
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
      targets.forEach(tp -> done.submit(() -> contained(tp, work)));
      List<TargetResult> results = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        try {
          results.add(done.take().get());
        } catch (ExecutionException e) {
          // Only a VirtualMachineError gets here (see contained): the JVM itself is failing.
          throw new IllegalStateException("a worker died", e.getCause());
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * {@code work} on one target; whatever it throws becomes the target's failed result, except a VirtualMachineError
   * (out of memory, internal JVM error), after which nothing in this JVM can be trusted to report.
   */
  public static TargetResult contained(TargetPlan tp, Function<TargetPlan, TargetResult> work) {
    try {
      return work.apply(tp);
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      String reason = e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      return new TargetResult(tp.target().name(), 0, tp.steps().size(), CRASHED, reason, 0, 0, List.of());
    }
  }
}
