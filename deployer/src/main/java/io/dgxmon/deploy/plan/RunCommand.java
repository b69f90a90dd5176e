package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/** A plain root command on the target (cmsh grabimage); its last output line is the step's summary. */
public record RunCommand(String command) implements Action.PlacesNothing {

  @Override
  public String describe() {
    return command;
  }

  @Override
  public List<String> planLines(Target t) {
    return List.of("$ " + command);
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.runCommand(this);
  }
}
