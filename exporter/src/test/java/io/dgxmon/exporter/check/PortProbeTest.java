package io.dgxmon.exporter.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.dgxmon.common.net.ListenAddress;
import io.dgxmon.common.web.HttpLimits;
import io.dgxmon.common.web.LiveWebConfig;
import io.dgxmon.common.web.MetricsEndpoint;
import io.dgxmon.common.web.WebServer;
import io.dgxmon.testkit.TestCertificates;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code --check} says about a taken port: a dgxmon listener with or without --web.config.file, or a stranger. */
class PortProbeTest {
  /** bcrypt of "secret" (cost 4). */
  private static final String SECRET_HASH = "$2y$04$pi3nKkJfgEC07WdTpPBbDe1koCmnkkHv5ovuHQkB.8QP3icknNc8a";

  @TempDir Path dir;

  @Test
  void aFreePortIsFree() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertEquals(PortFacts.State.FREE, probe(port).state());
  }

  @Test
  void aPlainDgxmonListenerIsDgxmon() throws Exception {
    try (WebServer server = dgxmon(LiveWebConfig.none())) {
      assertEquals(PortFacts.State.DGXMON, probe(server.port()).state());
    }
  }

  @Test
  void aListenerAskingForBasicAuthIsProtectedNotForeign() throws Exception {
    Path web = Files.writeString(dir.resolve("web.yml"), "basic_auth_users: {prometheus: '" + SECRET_HASH + "'}\n");
    try (WebServer server = dgxmon(LiveWebConfig.load(web, line -> {}))) {
      PortFacts facts = probe(server.port());
      assertEquals(PortFacts.State.PROTECTED, facts.state(), facts.toString());
      assertTrue(facts.detail().contains("basic auth"), facts.detail());
    }
  }

  @Test
  void aTlsListenerIsProtectedWithAndWithoutClientCertificates() throws Exception {
    TestCertificates pki = TestCertificates.createCa(dir, "ca");
    pki.server("ca", "server", "127.0.0.1");
    Path plainTls = Files.writeString(dir.resolve("tls.yml"),
        "tls_server_config: {cert_file: server.crt, key_file: server.key}\n");
    Path clientCerts = Files.writeString(dir.resolve("mtls.yml"), """
        tls_server_config:
          cert_file: server.crt
          key_file: server.key
          client_auth_type: RequireAndVerifyClientCert
          client_ca_file: ca.crt
        basic_auth_users: {prometheus: '%s'}
        """.formatted(SECRET_HASH));
    for (Path web : new Path[] {plainTls, clientCerts}) {
      try (WebServer server = dgxmon(LiveWebConfig.load(web, line -> {}))) {
        PortFacts facts = probe(server.port());
        assertEquals(PortFacts.State.PROTECTED, facts.state(), web + ": " + facts);
        assertEquals("TLS", facts.detail());
      }
    }
  }

  @Test
  void anotherHttpServiceIsInUse() throws Exception {
    HttpServer stranger = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    stranger.createContext("/", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    stranger.start();
    try {
      assertEquals(PortFacts.State.IN_USE, probe(stranger.getAddress().getPort()).state());
    } finally {
      stranger.stop(0);
    }
  }

  private static WebServer dgxmon(LiveWebConfig web) throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    Gauge.builder().name("dgxmon_scrape_collector_success").labelNames("collector").register(registry)
        .labelValues("test").set(1);
    return WebServer.start("test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        Map.of("/metrics", new MetricsEndpoint(registry)), web, HttpLimits.DEFAULT);
  }

  private static PortFacts probe(int port) {
    return PortProbe.probe("cgroup", Optional.of(new ListenAddress("127.0.0.1", port)));
  }
}
