package io.dgxmon.deploy.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.testkit.cmsh.ClusterState;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.util.List;
import org.junit.jupiter.api.Test;

class CmshCallTest {
  private final CmshCall prolog = new CmshCall("/cm/local/apps/cmd/bin/cmsh", "wlm; use slurm; get prolog");

  @Test
  void everyCallRunsWithoutColourAndStopsAtTheFirstError() {
    assertEquals(List.of("/cm/local/apps/cmd/bin/cmsh", "--color=no", "-q", "-c", "wlm; use slurm; get prolog"),
        prolog.argv());
    assertEquals("/cm/local/apps/cmd/bin/cmsh --color=no -q -c 'wlm; use slurm; get prolog'", prolog.commandLine());
    assertEquals("/x/cmsh --color=no -q -c 'device; use it'\\''s; list'",
        new CmshCall("/x/cmsh", "device; use it's; list").commandLine());
  }

  @Test
  void theValueOfGetIsReadFromPlainAndNoisyAnswers() {
    for (boolean noisy : new boolean[] {false, true}) {
      ClusterState state = new ClusterState();
      state.noisyOutput = noisy;
      CmshSimulator.Result r = CmshSimulator.run(state, prolog.script(), true);
      assertEquals(0, r.exitCode(), r.output());
      assertEquals("/cm/local/apps/cmd/scripts/prolog", GetValue.parse(r.output()), "noisy " + noisy);
      state.wlm.get("slurm").put("prolog", "");
      assertEquals("", GetValue.parse(CmshSimulator.run(state, prolog.script(), true).output()), "noisy " + noisy);
    }
  }

  @Test
  void anAnswerOfSeveralLinesIsNotAValue() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> GetValue.parse("Name (key)\n-----\nslurm\n"));
    assertEquals("expected one value from cmsh, got 3 lines: Name (key) | ----- | slurm", e.getMessage());
  }
}
