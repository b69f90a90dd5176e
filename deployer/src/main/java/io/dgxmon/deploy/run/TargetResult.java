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
}
