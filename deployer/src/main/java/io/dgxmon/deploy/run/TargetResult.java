package io.dgxmon.deploy.run;

import java.util.List;

/** How one target's run ended: one row of the final table. */
public record TargetResult(
    String target,
    int stepsDone,
    int stepsTotal,
    String failedStep,
    String reason,
    int uploads,
    long bytesUploaded,
    List<String> warnings) {

  public boolean ok() {
    return failedStep == null;
  }

  /** The exit code of a run: 0 when every target succeeded, 1 when any failed (the summary says how many). */
  public static int exitCode(List<TargetResult> results) {
    return results.stream().allMatch(TargetResult::ok) ? 0 : 1;
  }
}
