package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dgxmon.deploy.cli.ExitCodes;
import io.dgxmon.deploy.plan.DeploymentPlan;
import io.dgxmon.deploy.plan.PlanFixtures;
import io.dgxmon.deploy.plan.TargetPlan;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One target's crash is that target's failed result; every other target still runs to its own result. */
class ParallelTargetsTest {
  private static List<TargetPlan> targets() throws Exception {
    DeploymentPlan plan = PlanFixtures.plan("{\"components\": {\"roleMonitor\": false}, \"nodes\": [\"n[1-4]\"]}");
    return plan.targets();
  }

  private static TargetResult ok(TargetPlan tp) {
    return new TargetResult(tp.target().name(), tp.steps().size(), tp.steps().size(), null, null, 0, 0, List.of());
  }

  @Test
  void exceptionsAndErrorsOfOneTargetBecomeItsResult() throws Exception {
    // One worker, so the crashing targets come first and the others still have to run after them.
    List<TargetResult> results = ParallelTargets.run(targets(), 1, tp -> switch (tp.target().name()) {
      case "n1" -> throw new IllegalStateException("bug while planning n1");
      case "n2" -> throw new NoClassDefFoundError("some/Missing");
      default -> ok(tp);
    });
    results.sort(Comparator.comparing(TargetResult::target));
    assertEquals(List.of("n1", "n2", "n3", "n4"), results.stream().map(TargetResult::target).toList());
    assertEquals(ParallelTargets.CRASHED, results.get(0).failedStep());
    assertEquals("java.lang.IllegalStateException: bug while planning n1", results.get(0).reason());
    assertEquals("0/" + results.get(0).stepsTotal(), results.get(0).stepsDone() + "/" + results.get(0).stepsTotal());
    assertEquals("java.lang.NoClassDefFoundError: some/Missing", results.get(1).reason());
    assertNull(results.get(2).failedStep());
    assertNull(results.get(3).failedStep());
    assertEquals(1, ExitCodes.of(results));
  }

  @Test
  void aFailingJvmIsNotReportedAsOneTarget() throws Exception {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ParallelTargets.run(targets(), 2,
        tp -> {
          throw new OutOfMemoryError("test");
        }));
    assertEquals(OutOfMemoryError.class, e.getCause().getClass());
  }
}
