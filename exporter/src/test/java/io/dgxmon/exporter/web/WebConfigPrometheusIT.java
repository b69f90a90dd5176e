package io.dgxmon.exporter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgxmon.exporter.gpu.ExporterProcess;
import io.dgxmon.testkit.Await;
import io.dgxmon.testkit.Prometheus;
import io.dgxmon.testkit.TestCertificates;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scraping the shaded jar over TLS: with basic auth (right and wrong password), with client
 * certificates (ours, none, another CA's), and after the server certificate was replaced on disk.
 */
class WebConfigPrometheusIT {
  /** bcrypt (cost 4, cheap for tests) of "secret". */
  private static final String SECRET_HASH = "$2y$04$pi3nKkJfgEC07WdTpPBbDe1koCmnkkHv5ovuHQkB.8QP3icknNc8a";
  private static final String JOB = """
        - job_name: %s
          scheme: https
          scrape_interval: 1s
          scrape_timeout: 1s
          tls_config: {ca_file: '%s'%s}
          static_configs: [{targets: ['127.0.2.1:%d']}]
      %s""";

  @TempDir Path dir;

  @Test
  void prometheusScrapesOverTlsWithBasicAuthAndClientCertificates() throws Exception {
    TestCertificates pki = TestCertificates.createCa(dir, "ca");
    pki.server("ca", "server", "127.0.2.1");
    pki.client("ca", "prometheus");
    TestCertificates strangers = TestCertificates.createCa(dir, "other-ca");
    strangers.client("other-ca", "stranger");
    Path authWeb = Files.writeString(dir.resolve("auth-web.yml"), """
        tls_server_config: {cert_file: server.crt, key_file: server.key}
        basic_auth_users: {prometheus: '%s'}
        """.formatted(SECRET_HASH));
    Path certWeb = Files.writeString(dir.resolve("cert-web.yml"), """
        tls_server_config:
          cert_file: server.crt
          key_file: server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.crt
        """);
    Files.createDirectories(dir.resolve("cgroup"));
    try (ExporterProcess auth = start(authWeb); ExporterProcess cert = start(certWeb)) {
      String ca = pki.cert("ca").toString();
      String yml = "global: {scrape_interval: 1s, evaluation_interval: 1s}\nscrape_configs:\n"
          + JOB.formatted("auth_ok", ca, "", auth.port("cgroup"), basicAuth("secret"))
          + JOB.formatted("auth_wrong", ca, "", auth.port("cgroup"), basicAuth("nope"))
          + JOB.formatted("auth_none", ca, "", auth.port("cgroup"), "")
          + JOB.formatted("cert_ok", ca, clientCert(pki, "prometheus"), cert.port("cgroup"), "")
          + JOB.formatted("cert_none", ca, "", cert.port("cgroup"), "")
          + JOB.formatted("cert_stranger", ca, clientCert(strangers, "stranger"), cert.port("cgroup"), "");
      try (Prometheus prometheus = Prometheus.start(dir.resolve("prometheus"), yml)) {
        Map<String, String> up = awaitUp(prometheus, m -> m.size() == 6 && m.get("auth_ok").equals("1")
            && m.get("cert_ok").equals("1"));
        assertEquals(Map.of("auth_ok", "1", "auth_wrong", "0", "auth_none", "0", "cert_ok", "1", "cert_none", "0",
            "cert_stranger", "0"), up);
        assertTrue(lastError(prometheus, "auth_wrong").contains("401"), lastError(prometheus, "auth_wrong"));
        assertEquals(1, prometheus.query("dgxmon_scrape_collector_success{job=\"cert_ok\",collector=\"jobinfo\"}")
            .size());

        // Rotation: a certificate from another CA, renamed over the old files, is served to new connections
        // without a restart (Prometheus' kept-alive connection goes on with the old session, as with Go).
        int port = auth.port("cgroup");
        assertThrows(SSLHandshakeException.class, () -> statusTrusting(strangers.cert("other-ca"), port));
        strangers.server("other-ca", "renewed", "127.0.2.1");
        Files.move(strangers.key("renewed"), dir.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(strangers.cert("renewed"), dir.resolve("server.crt"), StandardCopyOption.REPLACE_EXISTING);
        // the reload polls about once a second (a handshake fails until then); a loaded machine may take longer
        Await.until("the renewed certificate is served", Duration.ofSeconds(20),
            () -> statusTrusting(strangers.cert("other-ca"), port), status -> status == 401);
        assertTrue(auth.log().contains("web config " + authWeb + " reloaded"), auth.log());
      }
    }
  }

  /** GET /metrics over a new TLS connection that trusts only {@code caCert}. */
  private static int statusTrusting(Path caCert, int port) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(caCert)) {
      trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    HttpClient client = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    return client.send(HttpRequest.newBuilder(URI.create("https://127.0.2.1:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String basicAuth(String password) {
    return "    basic_auth: {username: prometheus, password: " + password + "}\n";
  }

  private static String clientCert(TestCertificates pki, String name) {
    return ", cert_file: '" + pki.cert(name) + "', key_file: '" + pki.key(name) + "'";
  }

  private ExporterProcess start(Path webConfig) throws Exception {
    List<String> args = EndpointHygieneIT.argsWithGpuListeners(dir, "off", "--web.config.file", webConfig.toString());
    return ExporterProcess.start(dir, dir.resolve("no-scenario"), List.of("-Xmx64m"), EndpointHygieneIT.JAR, args, 1);
  }

  /** job → value of {@code up}, once {@code until} holds (30 s at most). */
  private static Map<String, String> awaitUp(Prometheus prometheus, Predicate<Map<String, String>> until) {
    JsonNode result = prometheus.awaitQuery("up", r -> until.test(byJob(r)), Duration.ofSeconds(30));
    return byJob(result);
  }

  private static Map<String, String> byJob(JsonNode result) {
    Map<String, String> up = new TreeMap<>();
    result.forEach(series -> up.put(series.path("metric").path("job").asText(), series.path("value").get(1).asText()));
    return up;
  }

  private static String lastError(Prometheus prometheus, String job) {
    for (JsonNode target : prometheus.activeTargets()) {
      if (target.path("labels").path("job").asText().equals(job)) {
        return target.path("lastError").asText();
      }
    }
    return "no target of job " + job;
  }
}
