package io.dgxmon.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * The Debian {@code prometheus} binary on 127.0.0.1 for tests, discovering targets from a file_sd
 * directory the test writes to, with query helpers that poll (discovery can take ~5 s). It runs as a plain server,
 * as a server that also takes remote writes, or as an agent (scrapes and forwards only; no query API).
 */
public final class Prometheus implements AutoCloseable {
  /** How the binary runs: which storage it keeps and which extra flags it gets. */
  public enum Mode {
    SERVER("--storage.tsdb.path="),
    /** A server that also takes {@code POST /api/v1/write} (the flag of Prometheus 2.33 and later). */
    RECEIVER("--storage.tsdb.path=", "--web.enable-remote-write-receiver"),
    /** Agent mode: scrapes and remote-writes; no rules, no local queries (its /api/v1/targets still answers). */
    AGENT("--storage.agent.path=", "--enable-feature=agent");

    private final String storageFlag;
    private final List<String> flags;

    Mode(String storageFlag, String... flags) {
      this.storageFlag = storageFlag;
      this.flags = List.of(flags);
    }
  }

  /** Placeholder in a caller's prometheus.yml that is replaced by {@link #fileSdDir()}. */
  public static final String FILE_SD_DIR = "${FILE_SD_DIR}";

  static final String DEFAULT_CONFIG = """
      global: {scrape_interval: 1s, evaluation_interval: 1s}
      scrape_configs:
        - job_name: dgxmon
          scrape_interval: 1s
          scrape_timeout: 1s
          file_sd_configs:
            - files: ['${FILE_SD_DIR}/*.json', '${FILE_SD_DIR}/*.yml']
              refresh_interval: 1s
      """;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int START_ATTEMPTS = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path workDir;
  private final Path binary;
  private final HttpClient http;
  private final Optional<Secured> secured;
  private final Mode mode;
  private Daemon daemon;
  private URI url;
  private String config;

  /**
   * Prometheus behind its own web config ({@code --web.config.file}: TLS and basic auth), and what the harness needs
   * to get through: trust for its certificate and one user's password.
   */
  public record Secured(String webConfigYaml, SSLContext trust, String user, String password) {
    String authorization() {
      return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
  }

  private Prometheus(Path workDir, Mode mode, Optional<Secured> secured) {
    this.workDir = workDir.toAbsolutePath();
    this.secured = secured;
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
    secured.ifPresent(s -> client.sslContext(s.trust()));
    this.http = client.build();
    this.binary = RequiredTool.require("prometheus", "prometheus");
    this.mode = mode;
  }

  /** Scrapes every second one job "dgxmon" whose targets come from {@link #fileSdDir()}. */
  public static Prometheus start(Path workDir) {
    return start(workDir, DEFAULT_CONFIG);
  }

  /** Runs with the caller's configuration; {@code ${FILE_SD_DIR}} in it becomes {@link #fileSdDir()}. */
  public static Prometheus start(Path workDir, String prometheusYml) {
    return start(workDir, prometheusYml, Mode.SERVER);
  }

  /** Runs in {@code mode} with the caller's configuration ({@code ${FILE_SD_DIR}} as above). */
  public static Prometheus start(Path workDir, String prometheusYml, Mode mode) {
    return start(workDir, prometheusYml, mode, Optional.empty());
  }

  /** Like {@link #start(Path, String)}, serving HTTPS with basic auth as {@code secured} says. */
  public static Prometheus startSecured(Path workDir, String prometheusYml, Secured secured) {
    return start(workDir, prometheusYml, Mode.SERVER, Optional.of(secured));
  }

  private static Prometheus start(Path workDir, String prometheusYml, Mode mode, Optional<Secured> secured) {
    Prometheus prometheus = new Prometheus(workDir, mode, secured);
    try {
      prometheus.config = prometheusYml;
      prometheus.launch();
      return prometheus;
    } catch (RuntimeException | Error e) {
      prometheus.close();
      throw e;
    }
  }

  public Path fileSdDir() {
    return workDir.resolve("file_sd");
  }

  public Path configFile() {
    return workDir.resolve("prometheus.yml");
  }

  /** http://127.0.0.1:PORT (https:// when secured) */
  public URI url() {
    return url;
  }

  /** Where a {@link Mode#RECEIVER} takes remote writes. */
  public URI remoteWriteUrl() {
    return url.resolve("/api/v1/write");
  }

  /**
   * Stops it (SIGTERM, as systemd would) and starts it again on the same configuration and data directory, so an
   * agent resumes from its write-ahead log; it comes back on a new port ({@link #url()}).
   */
  public void restart() {
    close();
    launch();
  }

  /** Writes (atomically) {@code fileSdDir()/<name>.json} with one target group. */
  public Path writeTargets(String name, List<String> targets, Map<String, String> labels) {
    try {
      String json = JSON.writeValueAsString(List.of(Map.of("targets", targets, "labels", labels)));
      return TextFiles.write(fileSdDir().resolve(name + ".json"), json);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render targets " + targets, e);
    }
  }

  public void removeTargets(String name) {
    TextFiles.delete(fileSdDir().resolve(name + ".json"));
  }

  /** The {@code data.result} array of an instant query. */
  public JsonNode query(String promql) {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("result");
  }

  /** Polls {@link #query} until {@code until} accepts the result; on timeout fails with the last answer. */
  public JsonNode awaitQuery(String promql, Predicate<JsonNode> until, Duration timeout) {
    return Await.until("query " + promql, timeout, POLL, () -> query(promql), until);
  }

  /**
   * What Prometheus stored about a metric's family ({@code /api/v1/metadata?metric=}): an array of
   * {@code {type, help, unit}}, empty while no scrape has brought it.
   */
  public JsonNode metadata(String metric) {
    return get("/api/v1/metadata?metric=" + URLEncoder.encode(metric, StandardCharsets.UTF_8)).path(metric);
  }

  /** The {@code data.activeTargets} array of /api/v1/targets. */
  public JsonNode activeTargets() {
    return get("/api/v1/targets").path("activeTargets");
  }

  public JsonNode awaitTargets(Predicate<JsonNode> until, Duration timeout) {
    return Await.until("active targets", timeout, POLL, this::activeTargets, until);
  }

  /** Re-reads the configuration file (e.g. after a test rewrote rules), through the lifecycle API. */
  public void reload() {
    send(request("/-/reload").POST(HttpRequest.BodyPublishers.noBody()), "reload");
  }

  public Path log() {
    return workDir.resolve("prometheus.log");
  }

  @Override
  public void close() {
    if (daemon != null) {
      daemon.close();
      daemon = null;
    }
  }

  private void launch() {
    TextFiles.createDirectories(fileSdDir(), workDir.resolve("data"));
    TextFiles.write(configFile(), config.replace(FILE_SD_DIR, fileSdDir().toString()));
    for (int attempt = 1; ; attempt++) {
      int port = FreePorts.find();
      url = URI.create((secured.isPresent() ? "https" : "http") + "://127.0.0.1:" + port);
      List<String> command = new ArrayList<>(List.of(binary.toString(),
          "--config.file=" + configFile(),
          mode.storageFlag + workDir.resolve("data"),
          "--web.listen-address=127.0.0.1:" + port,
          "--web.enable-lifecycle"));
      secured.ifPresent(s -> command.add("--web.config.file="
          + TextFiles.write(workDir.resolve("web.yml"), s.webConfigYaml())));
      command.addAll(mode.flags);
      daemon = Daemon.start("prometheus", command, Map.of(), log());
      if (awaitReady()) {
        return;
      }
      String log = daemon.logTail();
      close();
      // A port taken between our probe and Prometheus's bind is worth another try; anything else is not.
      if (attempt == START_ATTEMPTS || !log.contains("address already in use")) {
        throw new IllegalStateException("prometheus did not become ready at " + url + "; config "
            + configFile() + "; log:\n" + log);
      }
    }
  }

  private boolean awaitReady() {
    return Await.whileAlive(START_TIMEOUT, Duration.ofMillis(50), daemon::isAlive, this::answersReady);
  }

  private boolean answersReady() {
    try {
      HttpResponse<String> response = http.send(
          request("/-/ready").timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false; // Not listening yet.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for prometheus", e);
    }
  }

  private JsonNode get(String pathAndQuery) {
    String body = send(request(pathAndQuery).GET(), pathAndQuery);
    try {
      JsonNode answer = JSON.readTree(body);
      if (!"success".equals(answer.path("status").asText())) {
        throw new IllegalStateException("prometheus answered " + pathAndQuery + " with " + body);
      }
      return answer.path("data");
    } catch (IOException e) {
      throw new IllegalStateException("prometheus sent invalid JSON for " + pathAndQuery + ": " + body, e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(pathAndQuery));
    secured.ifPresent(s -> request.header("Authorization", s.authorization()));
    return request;
  }

  private String send(HttpRequest.Builder request, String what) {
    try {
      HttpResponse<String> response =
          http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("prometheus " + what + ": HTTP " + response.statusCode() + " " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException("prometheus " + what + " at " + url + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during prometheus " + what, e);
    }
  }
}
