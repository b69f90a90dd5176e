package io.dgxmon.deploy.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** GET /metrics from the deployer, retried until the service answers with parsable metrics or time runs out. */
public final class EndpointCheck {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private EndpointCheck() {}

  /** Null when the endpoint answered with metrics, else the last reason it did not. */
  public static String await(String address, int port, Duration timeout) throws InterruptedException {
    return await(address, port, false, timeout);
  }

  /** As {@link #await(String, int, Duration)}; {@code tcpOnly}: a web config is deployed, only connect. */
  public static String await(String address, int port, boolean tcpOnly, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last;
    do {
      last = tcpOnly ? connects(address, port) : once(address, port);
      if (last == null) {
        return null;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    return last;
  }

  /**
   * Null when address:port accepts a TCP connection: the check used when a web config puts TLS or basic auth in
   * front of /metrics, which the deployer does not speak (docs/Security.md, "Deploying a web config").
   */
  public static String connects(String address, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 3000);
      return null;
    } catch (IOException e) {
      return address + ":" + port + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
  }

  /** Null when http://address:port/metrics answers 200 with parsable metrics. */
  public static String once(String address, int port) throws InterruptedException {
    String url = "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port + "/metrics";
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return url + " answered HTTP " + r.statusCode();
      }
      List<String> problems = MetricsText.problems(r.body());
      return problems.isEmpty() ? null : url + ": " + String.join("; ", problems);
    } catch (IOException e) {
      return url + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
  }
}
