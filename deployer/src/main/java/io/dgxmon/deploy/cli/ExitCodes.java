package io.dgxmon.deploy.cli;

import io.dgxmon.deploy.run.TargetResult;
import java.util.List;

/**
 * dgxmon-deploy's exit codes: the values every dgxmon program shares ({@link io.dgxmon.common.cli.ExitCodes}), what
 * they mean for a run over many targets, and their lines in --help (annotations need constants).
 */
public final class ExitCodes {
  public static final int OK = io.dgxmon.common.cli.ExitCodes.OK;
  public static final int FAILED = io.dgxmon.common.cli.ExitCodes.RUNTIME_FAILURE;
  public static final int USAGE = io.dgxmon.common.cli.ExitCodes.USAGE;

  public static final String HEADING = "%nExit codes:%n";
  public static final String OK_LINE = "0:every target succeeded";
  public static final String FAILED_LINE =
      "1:one or more targets failed (the last line of the summary says how many), or the run could not start";
  public static final String USAGE_LINE = "2:bad command line or config";

  private ExitCodes() {}

  /** The exit code of a finished run over every target. */
  public static int of(List<TargetResult> results) {
    return results.stream().allMatch(TargetResult::ok) ? OK : FAILED;
  }
}
