package io.dgxmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.dgxmon.common.cli.ExitCodes;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Prometheus;
import io.dgxmon.testkit.TestCertificates;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The report through a real Prometheus that serves HTTPS and wants basic auth (its own --web.config.file). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportSecuredIT {
  private static final String USER = "ops";
  private static final String PASSWORD = "correct horse battery staple";

  @TempDir static Path dir;
  private Prometheus prometheus;
  private Path ca;
  private Path passwordFile;

  @BeforeAll
  void start() throws Exception {
    TestCertificates pki = TestCertificates.createCa(dir, "ca");
    pki.server("ca", "prometheus", "127.0.0.1");
    ca = pki.cert("ca");
    passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    String web = "tls_server_config:\n  cert_file: " + pki.cert("prometheus") + "\n  key_file: " + pki.key("prometheus")
        + "\nbasic_auth_users:\n  " + USER + ": '" + BCrypt.withDefaults().hashToString(10, PASSWORD.toCharArray())
        + "'\n";
    prometheus = Prometheus.startSecured(dir.resolve("prometheus"), "global: {evaluation_interval: 30s}\n",
        new Prometheus.Secured(web, trusting(ca), USER, PASSWORD));
  }

  @AfterAll
  void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void withTheCaAndThePasswordFileItAnswers() {
    ReportRun run = run("jobs", "--user", "nobody", "--since", "1h", "--ca-file", ca.toString(), "--basic-auth-user", USER,
        "--basic-auth-password-file", passwordFile.toString());
    assertEquals(ExitCodes.OK, run.code(), run.err());
    assertTrue(run.out().contains("0 jobs of nobody"), run.out());
  }

  @Test
  void thePasswordCanComeFromTheEnvironmentOfAFreshProcess() {
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ReportCommand.class.getName(), "jobs", "--user", "nobody",
        "--prometheus", prometheus.url().toString(), "--ca-file", ca.toString(), "--basic-auth-user", USER));
    ProcessResult result = Processes.run(Duration.ofMinutes(1), Map.of(PrometheusOptions.PASSWORD_ENV, PASSWORD), argv);
    assertEquals(ExitCodes.OK, result.exitCode(), result.stderr());
  }

  @Test
  void aWrongPasswordIsExitOneAndNeverPrinted() throws Exception {
    Path wrong = Files.writeString(dir.resolve("wrong"), "not-the-password\n");
    ReportRun run = run("jobs", "--user", "nobody", "--ca-file", ca.toString(), "--basic-auth-user", USER,
        "--basic-auth-password-file", wrong.toString());
    assertEquals(ExitCodes.RUNTIME_FAILURE, run.code());
    assertTrue(run.err().contains("answered HTTP 401: check --basic-auth-user and the password"), run.err());
    assertFalse((run.out() + run.err()).contains("not-the-password"), run.err());
  }

  @Test
  void withoutTheCaTheCertificateIsRefused() {
    ReportRun run = run("jobs", "--user", "nobody", "--basic-auth-user", USER, "--basic-auth-password-file",
        passwordFile.toString());
    assertEquals(ExitCodes.RUNTIME_FAILURE, run.code());
    assertTrue(run.err().startsWith("dgxmon-report: cannot reach Prometheus at " + prometheus.url()), run.err());
  }

  private ReportRun run(String... args) {
    return ReportRun.against(prometheus.url(), args);
  }

  private static SSLContext trusting(Path caFile) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
