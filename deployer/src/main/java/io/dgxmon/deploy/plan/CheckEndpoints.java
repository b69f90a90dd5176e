package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.util.List;

/**
 * HTTP GET of /metrics on each port of the target's address, from the deployer, until it answers. With a web config
 * ({@code webConfig}: TLS and/or basic auth, which the deployer does not speak) only a TCP connection is checked: the
 * service is up and listening, its metrics are not read.
 */
public record CheckEndpoints(List<Integer> ports, boolean webConfig) implements Action.PlacesNothing {
  /** The note printed with a TCP-only check. */
  public static final String WEB_CONFIG_NOTE =
      "metrics not read: a web config (TLS/basic auth) is deployed; check with curl --cacert/--user";

  public CheckEndpoints {
    ports = List.copyOf(ports);
  }

  public CheckEndpoints(List<Integer> ports) {
    this(ports, false);
  }

  @Override
  public String describe() {
    return webConfig ? "TCP connect to <address>:" + ports + " from the deployer until it accepts (" + WEB_CONFIG_NOTE
        + ")" : "GET http://<address>:" + ports + "/metrics from the deployer until it answers";
  }

  @Override
  public List<String> planLines(Target t) {
    return ports.stream().map(port -> webConfig ? "CONNECT " + t.address() + ":" + port + "  (" + WEB_CONFIG_NOTE + ")"
        : "GET http://" + t.address() + ":" + port + "/metrics").toList();
  }

  @Override
  public void handleWith(ActionHandler handler) throws IOException, InterruptedException {
    handler.checkEndpoints(this);
  }
}
