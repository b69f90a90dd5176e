package io.dgxmon.deploy.cmsh;

import io.dgxmon.common.cmsh.CmshAnswerText;
import java.util.List;

/**
 * The answer to {@code ...; get <property>}: the bare value on one line (ADM11 §2.5.5), or nothing for an empty
 * property. Anything else left after colour codes, events and blanks are dropped means the answer is not a value.
 */
public final class GetValue {
  private GetValue() {}

  /** The value, {@code ""} for an empty property; throws when the answer has more than one meaningful line. */
  public static String parse(String output) {
    List<String> lines = CmshAnswerText.lines(output);
    if (lines.size() > 1) {
      throw new IllegalArgumentException("expected one value from cmsh, got " + lines.size() + " lines: "
          + String.join(" | ", lines.subList(0, Math.min(3, lines.size()))));
    }
    return lines.isEmpty() ? "" : lines.get(0).strip();
  }
}
