package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/** HTTP GET of /metrics on each port of the target's address, from the deployer, until it answers. */
public record CheckEndpoints(List<Integer> ports) implements Action.PlacesNothing {

  public CheckEndpoints {
    ports = List.copyOf(ports);
  }

  @Override
  public String describe() {
    return "GET http://<address>:" + ports + "/metrics from the deployer until it answers";
  }

  @Override
  public List<String> planLines(Target t) {
    return ports.stream().map(port -> "GET http://" + t.address() + ":" + port + "/metrics").toList();
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.checkEndpoints(this);
  }
}
