package io.dgxmon.common.cmsh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every program of dgxmon does to a cmsh answer before reading it (the role monitor and the deployer alike):
 * colour codes removed (they come even with {@code --color=no} from a {@code .cmshrc} or an old cmsh), asynchronous
 * CMDaemon event lines dropped (cmsh may print them between any two lines), trailing blanks cut, blank lines dropped.
 */
public final class CmshAnswerText {
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");
  /** Asynchronous CMDaemon events cmsh may interleave, e.g. "Mon Nov 3 ... [notice] head: ...". */
  private static final Pattern EVENT = Pattern.compile("\\[(notice|warning|info|alert)\\] \\S+: ");

  private CmshAnswerText() {}

  /** The meaningful lines of {@code output}, in order. */
  public static List<String> lines(String output) {
    String plain = output.indexOf('\u001b') < 0 ? output : ANSI.matcher(output).replaceAll("");
    List<String> lines = new ArrayList<>();
    for (String raw : plain.split("\r?\n", -1)) {
      String line = raw.stripTrailing();
      if (!line.isBlank() && !isEvent(line)) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** The asynchronous CMDaemon events in {@code output} (the lines {@link #lines} drops), colour removed. */
  public static List<String> events(String output) {
    String plain = ANSI.matcher(output).replaceAll("");
    return plain.lines().map(String::strip).filter(CmshAnswerText::isEvent).toList();
  }

  private static boolean isEvent(String line) {
    return line.indexOf("] ") > 0 && EVENT.matcher(line).find();
  }
}
