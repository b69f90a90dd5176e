package io.dgxmon.deploy.plan;

import io.dgxmon.deploy.cmsh.CmshCall;
import java.io.IOException;
import java.util.List;

/** Asks cmsh for the Slurm WLM prolog and warns unless it is BCM's generic runner (else the 60- links never run). */
public record CheckWlmProlog(String cmsh, String wlm) implements Action.PlacesNothing {

  public CmshCall call() {
    return new CmshCall(cmsh, "wlm; use " + wlm + "; get prolog");
  }

  @Override
  public String describe() {
    return call().commandLine() + " (warn unless BCM's runner)";
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of("$ " + call().commandLine());
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.checkWlmProlog(this);
  }
}
