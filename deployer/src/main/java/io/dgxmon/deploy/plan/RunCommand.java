package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/**
 * A plain root command on the target (creating the exporter's system user); its last output line is the step's
 * summary. cmsh commands on the head node are {@link RunCmsh}. It places nothing uninstall would remove.
 */
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
