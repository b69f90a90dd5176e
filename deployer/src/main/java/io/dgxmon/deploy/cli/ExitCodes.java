package io.dgxmon.deploy.cli;

import io.dgxmon.deploy.run.TargetResult;
import java.util.List;

/** The exit codes of every dgxmon-deploy command, and their lines in --help (annotations need constants). */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

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
