package io.dgxmon.common.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CmshAnswerTextTest {
  private static final String EVENT = "Tue Dec  1 10:00:00 2026 [notice] head: Provisioning completed on node dgx-01";

  @Test
  void keepsOnlyTheAnswerLines() {
    String output = "\u001b[1;32m/cm/local/apps/cmd/scripts/prolog\u001b[0m   \r\n" + EVENT + "\n\n  \n";
    assertEquals(List.of("/cm/local/apps/cmd/scripts/prolog"), CmshAnswerText.lines(output));
  }

  @Test
  void anEventBetweenRowsIsDroppedButARowWithBracketsIsKept() {
    String output = "Name (key)\n" + EVENT + "\n[category:dgx] slurmclient\n";
    assertEquals(List.of("Name (key)", "[category:dgx] slurmclient"), CmshAnswerText.lines(output));
    assertEquals(List.of(EVENT), CmshAnswerText.events("\u001b[33m" + EVENT + "\u001b[0m\nx\n"));
  }
}
