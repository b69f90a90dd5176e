package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/** Asks cmsh for the Slurm WLM prolog and warns unless it is BCM's generic runner (else the 60- links never run). */
public record CheckWlmProlog(String cmsh, String wlm) implements Action.PlacesNothing {

  @Override
  public String describe() {
    return cmsh + " -c 'wlm; use " + wlm + "; get prolog' (warn unless BCM's runner)";
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of("$ " + RemoteCommands.wlmProlog(this));
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.checkWlmProlog(this);
  }
}
