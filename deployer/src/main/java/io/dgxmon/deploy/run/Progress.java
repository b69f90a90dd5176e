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
}
