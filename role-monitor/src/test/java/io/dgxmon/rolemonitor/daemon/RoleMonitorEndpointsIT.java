package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.SlowHttpClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped jar's :9489 against slowloris, odd paths and methods, and with a web config's basic auth. */
class RoleMonitorEndpointsIT {
  private static final String HOST = "127.0.4.5";
  private static final Pattern PORT = Pattern.compile("metrics and /targets on port (\\d+)");
  /** bcrypt (cost 4) of "secret". */
  private static final String SECRET_HASH = "$2y$04$pi3nKkJfgEC07WdTpPBbDe1koCmnkkHv5ovuHQkB.8QP3icknNc8a";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;
  private int port;

  @Test
  void slowClientsNeitherStallNorStayAndOnlyKnownPathsAndMethodsAnswer() throws Exception {
    Process daemon = start();
    awaitPort();
    try (SlowHttpClients slow = SlowHttpClients.open(HOST, port, 30)) {
      long started = System.nanoTime();
      while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(8)) {
        assertEquals(200, send("GET", "/metrics", null).statusCode());
        Thread.sleep(250);
      }
      assertEquals(0, slow.stillOpen(), "closed by the 5 s header timeout");
      for (String path : List.of("/targets", "/", "/metrics")) {
        for (String method : List.of("POST", "PUT", "DELETE")) {
          HttpResponse<String> answer = send(method, path, null);
          assertEquals(405, answer.statusCode(), method + " " + path);
        }
        assertTrue(List.of(200, 503).contains(send("HEAD", path, null).statusCode()), path);
      }
      for (String path : List.of("/foo", "/targets/x", "/metrics.json")) {
        assertEquals(404, send("GET", path, null).statusCode(), path);
      }
    } finally {
      daemon.destroyForcibly();
    }
  }

  @Test
  void webConfigBasicAuthGuardsMetricsAndTargets() throws Exception {
    Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users: {prometheus: '" + SECRET_HASH + "'}\n");
    Process daemon = start("--web.config.file", web.toString());
    awaitPort();
    try {
      for (String path : List.of("/metrics", "/targets", "/")) {
        HttpResponse<String> anonymous = send("GET", path, null);
        assertEquals(401, anonymous.statusCode(), path);
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").isPresent(), path);
        assertEquals(401, send("GET", path, "prometheus:wrong").statusCode(), path);
      }
      assertEquals(200, send("GET", "/metrics", "prometheus:secret").statusCode());
    } finally {
      daemon.destroyForcibly();
    }
  }

  @Test
  void aBadWebConfigIsExitCode2NamingFileAndKey() throws Exception {
    Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_user: {}\n");
    Process daemon = start("--web.config.file", web.toString());
    assertTrue(daemon.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, daemon.exitValue());
    assertTrue(Files.readString(log()).contains("web.yml line 1: basic_auth_user: unknown key"),
        Files.readString(log()));
  }

  private Process start(String... extra) throws Exception {
    SimulatedHeadNode head = new SimulatedHeadNode(dir);
    head.set("metricsListenAddress", "\"" + HOST + ":0\"").set("pollIntervalSeconds", "1");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar",
        Path.of("target/dgxmon-role-monitor.jar").toAbsolutePath().toString(), "--config", head.configFile.toString()));
    command.addAll(List.of(extra));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile()).start();
  }

  private Path log() {
    return dir.resolve("daemon.log");
  }

  /** Waits for the daemon's log line that names its port. */
  private void awaitPort() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      Matcher m = PORT.matcher(Files.readString(log()));
      if (m.find()) {
        port = Integer.parseInt(m.group(1));
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("daemon never reported its port:\n" + Files.readString(log()));
  }

  private HttpResponse<String> send(String method, String path, String credentials) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + path))
        .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
    if (credentials != null) {
      request.header("Authorization", "Basic "
          + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
