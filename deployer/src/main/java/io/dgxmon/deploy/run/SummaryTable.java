package io.dgxmon.deploy.run;

import java.io.PrintWriter;
import java.util.List;

/** The recap after a run: node, steps done, failed step, reason. */
public final class SummaryTable {
  private SummaryTable() {}

  public static void print(List<TargetResult> results, PrintWriter out) {
    int width = Math.max(6, results.stream().mapToInt(r -> r.target().length()).max().orElse(0));
    String row = "%-" + width + "s  %-7s  %-20s  %s%n";
    out.println();
    out.printf(row, "target", "steps", "failed step", "reason");
    for (TargetResult r : results) {
      out.printf(row, r.target(), r.stepsDone() + "/" + r.stepsTotal(), r.ok() ? "-" : r.failedStep(),
          r.ok() ? (r.warnings().isEmpty() ? "ok" : "ok, " + r.warnings().size() + " warning(s)") : r.reason());
    }
    long failed = results.stream().filter(r -> !r.ok()).count();
    long uploads = results.stream().mapToLong(TargetResult::uploads).sum();
    long bytes = results.stream().mapToLong(TargetResult::bytesUploaded).sum();
    out.printf("%d target(s), %d failed; %d upload(s), %s%n", results.size(), failed, uploads,
        StepActions.mib(bytes));
    out.flush();
  }
}
