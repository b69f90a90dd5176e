package io.dgxmon.testkit;

/** What a finished external command left behind: its exit code and everything it printed. */
public record ProcessResult(int exitCode, String stdout, String stderr) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** Returns this result, or fails with the command's output when the exit code is not 0. */
  public ProcessResult assertSuccess(String what) {
    if (exitCode != 0) {
      throw new AssertionError(what + " exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
    }
    return this;
  }
}
