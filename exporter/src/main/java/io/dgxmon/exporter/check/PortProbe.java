package io.dgxmon.exporter.check;

import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.exporter.check.PortFacts.State;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Tries each listen address the way the service binds it, and releases it at once. A port that is taken is asked
 * for {@code /metrics}: a running dgxmon-exporter there is fine (the check runs beside the service).
 */
final class PortProbe {
  private static final int HTTP_TIMEOUT_MILLIS = 2_000;
  private static final int MAX_ANSWER_BYTES = 4 << 20;
  /** Every dgxmon listener serves this self metric. */
  private static final String DGXMON_METRIC = "dgxmon_scrape_collector_success";

  private PortProbe() {}

  static PortFacts probe(String profile, Optional<ListenAddress> address) {
    if (address.isEmpty()) {
      return new PortFacts(profile, address, State.OFF, "");
    }
    ListenAddress listen = address.get();
    if (listen.port() == 0) {
      return new PortFacts(profile, address, State.ANY_PORT, "");
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(listen.bindsEveryAddress() ? new InetSocketAddress(listen.port())
          : new InetSocketAddress(listen.host(), listen.port()));
      return new PortFacts(profile, address, State.FREE, "");
    } catch (IOException e) {
      if (answersAsDgxmon(listen)) {
        return new PortFacts(profile, address, State.DGXMON, "");
      }
      return new PortFacts(profile, address, State.IN_USE, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static boolean answersAsDgxmon(ListenAddress listen) {
    String host = listen.bindsEveryAddress() ? "127.0.0.1" : listen.host();
    String authority = host.contains(":") ? "[" + host + "]" : host;
    try {
      HttpURLConnection connection = (HttpURLConnection)
          URI.create("http://" + authority + ":" + listen.port() + "/metrics").toURL().openConnection();
      connection.setConnectTimeout(HTTP_TIMEOUT_MILLIS);
      connection.setReadTimeout(HTTP_TIMEOUT_MILLIS);
      if (connection.getResponseCode() != 200) {
        return false;
      }
      try (InputStream in = connection.getInputStream()) {
        return new String(in.readNBytes(MAX_ANSWER_BYTES), StandardCharsets.UTF_8).contains(DGXMON_METRIC);
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
