package io.dgxmon.rolemonitor.check;

/** One thing the monitor relies on about cmsh, whether this answer bore it out, and what was seen. */
public record Assumption(String claim, boolean held, String observed) {
  String line() {
    return "  [" + (held ? "ok" : "DIFFERS") + "] " + claim + "\n         seen: " + observed;
  }
}
