package io.dgxmon.exporter.check;

import io.dgxmon.common.net.ListenAddress;
import java.util.Optional;

/**
 * One listener the service would open, and whether its port can be bound right now.
 *
 * @param profile {@code dcgm}, {@code gpu} or {@code cgroup}
 * @param address empty when the listener is {@code off}
 * @param detail the bind error for {@code IN_USE}
 */
public record PortFacts(String profile, Optional<ListenAddress> address, State state, String detail) {

  /**
   * OFF; ANY_PORT (port 0, nothing to test); FREE (bound and released again); DGXMON (taken by a running
   * dgxmon-exporter that answers /metrics); PROTECTED (taken by a service that asks for TLS or basic auth, as a
   * dgxmon-exporter with {@code --web.config.file} does: plain HTTP cannot tell more); IN_USE (taken by something
   * else, or the address is not local).
   */
  public enum State { OFF, ANY_PORT, FREE, DGXMON, PROTECTED, IN_USE }
}
