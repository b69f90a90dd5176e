package io.dgxmon.deploy.run;

import java.io.PrintWriter;

/** One line per target per step, as it happens; lines from parallel workers never interleave. */
public final class Progress {
  private final PrintWriter out;

  public Progress(PrintWriter out) {
    this.out = out;
  }

  public void step(String target, String step, String message) {
    synchronized (out) {
      out.println("[" + target + "] " + step + ": " + message);
      out.flush();
    }
  }

  /** Several lines of one target's output, each indented under the target's name, kept together. */
  public void block(String target, String text) {
    synchronized (out) {
      text.lines().forEach(line -> out.println("[" + target + "]   " + line));
      out.flush();
    }
  }
}
