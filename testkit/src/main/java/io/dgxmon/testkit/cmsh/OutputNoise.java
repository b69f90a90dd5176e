package io.dgxmon.testkit.cmsh;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * An answer as a noisy cmsh may print it even under {@code --color=no} (a {@code .cmshrc} with {@code color on}, an
 * event arriving mid-answer): coloured lines with trailing blanks, an event line after the first line, blank lines.
 */
final class OutputNoise {
  private OutputNoise() {}

  static String apply(String text, String head) {
    StringBuilder out = new StringBuilder();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      out.append("\u001b[1;32m").append(lines.get(i)).append("\u001b[0m   \n");
      if (i == 0) {
        out.append("\u001b[33m").append(ZonedDateTime.now(ZoneOffset.UTC).format(Provisioning.STAMP))
            .append(" [notice] ").append(head).append(": Check 'ssh2node' is in state PASS on node001\u001b[0m\n");
      }
    }
    return out.append("  \n\n").toString();
  }
}
