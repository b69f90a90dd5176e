package io.dgxmon.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exporter-toolkit web config format, strictly: every mistake named with its file and key. */
class WebConfigReaderTest {
  @TempDir Path dir;

  private WebConfig read(String yaml) throws Exception {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, yaml);
    return WebConfigReader.read(file);
  }

  private String problem(String yaml) {
    return assertThrows(WebConfigException.class, () -> read(yaml)).getMessage();
  }

  @Test
  void readsANodeExporterFile() throws Exception {
    WebConfig config = read("""
        tls_server_config:
          cert_file: node.crt
          key_file: /etc/node_exporter/node.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.crt
          min_version: TLS13
          prefer_server_cipher_suites: true
        http_server_config:
          http2: true
          headers:
            Strict-Transport-Security: max-age=31536000
            X-Content-Type-Options: nosniff
        basic_auth_users:
          prometheus: $2y$04$pi3nKkJfgEC07WdTpPBbDe1koCmnkkHv5ovuHQkB.8QP3icknNc8a
        """);
    WebConfig.Tls tls = config.tls().orElseThrow();
    assertEquals(dir.resolve("node.crt"), tls.certFile(), "relative to the file's folder, as the toolkit does");
    assertEquals(Path.of("/etc/node_exporter/node.key"), tls.keyFile());
    assertEquals(Optional.of(dir.resolve("ca.crt")), tls.clientCaFile());
    assertEquals(ClientAuthType.RequireAndVerifyClientCert, tls.clientAuth());
    assertEquals(List.of("TLSv1.3"), tls.protocols());
    assertEquals(Map.of("Strict-Transport-Security", "max-age=31536000", "X-Content-Type-Options", "nosniff"),
        config.headers());
    assertEquals(1, config.basicAuthUsers().size());
  }

  @Test
  void defaultsAreTls12UpAndNoClientCertificate() throws Exception {
    WebConfig.Tls tls = read("tls_server_config: {cert_file: a.crt, key_file: a.key}\n").tls().orElseThrow();
    assertEquals(List.of("TLSv1.2", "TLSv1.3"), tls.protocols());
    assertEquals(ClientAuthType.NoClientCert, tls.clientAuth());
    assertEquals(List.of(), tls.cipherSuites());
  }

  @Test
  void anEmptyFileIsPlainHttp() throws Exception {
    assertEquals(WebConfig.PLAIN, read("\n"));
  }

  @Test
  void refusesAFifoAtOnceAndFollowsSymlinks() throws Exception {
    Path fifo = dir.resolve("fifo.yml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor());
    WebConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(WebConfigException.class, () -> WebConfigReader.read(fifo)));
    assertEquals(fifo + ": not a regular file (a FIFO, socket or device); not a web config", e.getMessage());
    Path link = dir.resolve("link.yml");
    Files.createSymbolicLink(link, fifo);
    assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(WebConfigException.class, () -> WebConfigReader.read(link)));
    String directory = assertThrows(WebConfigException.class, () -> WebConfigReader.read(dir)).getMessage();
    assertEquals(dir + ": not a regular file (a directory); not a web config", directory);

    Files.writeString(dir.resolve("real.yml"), "\n");
    Files.delete(link);
    Files.createSymbolicLink(link, dir.resolve("real.yml"));
    assertEquals(WebConfig.PLAIN, WebConfigReader.read(link), "a link to a regular file is read");
  }

  @Test
  void namesUnknownKeysWithTheirPathAndLine() {
    assertTrue(problem("tls_server_confg: {}\n").startsWith("web.yml line 1: tls_server_confg: unknown key"),
        problem("tls_server_confg: {}\n"));
    String nested = problem("tls_server_config:\n  cert_file: a\n  cert_fil: b\n");
    assertTrue(nested.startsWith("web.yml line 3: tls_server_config.cert_fil: unknown key (known here: "), nested);
    assertTrue(nested.contains("cert_file"), nested);
  }

  @Test
  void refusesWhatTheToolkitRefuses() {
    assertTrue(problem("tls_server_config: {key_file: a.key}\n").endsWith("tls_server_config.cert_file: missing "
        + "(a PEM certificate, chain after it)"));
    assertTrue(problem("tls_server_config: {cert_file: a, key_file: b, client_auth_type: RequireClientCert}\n")
        .contains("tls_server_config.client_auth_type: expected one of [NoClientCert, "));
    assertTrue(problem("tls_server_config: {cert_file: a, key_file: b, client_auth_type: VerifyClientCertIfGiven}\n")
        .endsWith("tls_server_config.client_ca_file: required by client_auth_type VerifyClientCertIfGiven"));
    assertTrue(problem("tls_server_config: {cert_file: a, key_file: b, client_ca_file: c}\n")
        .contains("tls_server_config.client_auth_type: client_ca_file is set but no client certificate"));
    assertTrue(problem("tls_server_config: {cert_file: a, key_file: b, min_version: TLS13, max_version: TLS12}\n")
        .endsWith("tls_server_config.min_version: higher than max_version"));
    assertTrue(problem("tls_server_config: {cert_file: a, key_file: b, max_version: TLSv1.3}\n")
        .contains("tls_server_config.max_version: expected one of [TLS10, TLS11, TLS12, TLS13], got 'TLSv1.3'"));
    assertTrue(problem("tls_server_config: {cert_file: a, key_file: b, cipher_suites: "
        + "[TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_NO_SUCH]}\n")
        .contains("tls_server_config.cipher_suites[1]: 'TLS_NO_SUCH' is not a cipher suite"));
    assertTrue(problem("http_server_config: {headers: {X-Powered-By: dgxmon}}\n")
        .contains("http_server_config.headers.X-Powered-By: this header cannot be configured"));
    assertTrue(problem("http_server_config: {headers: {X-Frame-Options: allow}}\n")
        .contains("http_server_config.headers.X-Frame-Options: expected one of"));
    assertTrue(problem("basic_auth_users: {alice: secret}\n")
        .contains("basic_auth_users.alice: expected a bcrypt hash"));
  }

  @Test
  void keepsTls13SuitesWhenCipherSuitesAreListed() throws Exception {
    WebConfig.Tls tls = read("tls_server_config: {cert_file: a, key_file: b, cipher_suites: "
        + "[TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]}\n").tls().orElseThrow();
    assertEquals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", tls.cipherSuites().get(0));
    assertTrue(tls.cipherSuites().contains("TLS_AES_128_GCM_SHA256"), tls.cipherSuites().toString());
  }
}
