package io.dgxmon.deploy.plan;

import io.dgxmon.deploy.cmsh.CmshCall;
import io.dgxmon.deploy.cmsh.ProvisioningWait;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A cmsh command on the head node (grabimage, updateprovisioners, imageupdate), and, when {@code thenWait} is not null,
 * waiting for the provisioning it starts to finish. The step's summary says done or timed out, with the last status.
 */
public record RunCmsh(CmshCall call, ProvisioningWait thenWait) implements Action.PlacesNothing {

  @Override
  public String describe() {
    return call.commandLine() + (thenWait == null ? "" : " (" + thenWait.describe() + ")");
  }

  @Override
  public List<String> planLines(Target t) {
    List<String> lines = new ArrayList<>();
    lines.add("$ " + call.commandLine());
    if (thenWait != null) {
      lines.add("# " + thenWait.describe() + ":");
      lines.add("$ " + thenWait.statusCall().commandLine());
    }
    return lines;
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.runCmsh(this);
  }
}
