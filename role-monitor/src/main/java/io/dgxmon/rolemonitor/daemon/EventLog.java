package io.dgxmon.rolemonitor.daemon;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One line per event on stderr (journald keeps it): {@code <time> <LEVEL> <message>}. */
public final class EventLog {
  private final PrintWriter out;

  public EventLog(PrintWriter out) {
    this.out = out;
  }

  public void info(String message) {
    line("INFO", message);
  }

  public void warn(String message) {
    line("WARN", message);
  }

  public void error(String message) {
    line("ERROR", message);
  }

  private synchronized void line(String level, String message) {
    out.println(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + level + " " + message);
    out.flush();
  }
}
