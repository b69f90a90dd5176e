package io.dgxmon.report;

import io.dgxmon.report.prom.PrometheusClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Option;

/**
 * How to reach Prometheus, shared by every subcommand. The password is read from a file or the environment, never
 * from the command line, where {@code ps} and shell history would show it.
 */
public final class PrometheusOptions {
  /** Environment variable holding the basic-auth password when --basic-auth-password-file is not given. */
  public static final String PASSWORD_ENV = "DGXMON_PROMETHEUS_PASSWORD";
  private static final long MAX_PASSWORD_BYTES = 4096;

  @Option(names = "--prometheus", paramLabel = "URL", defaultValue = "${env:DGXMON_PROMETHEUS_URL:-http://localhost:9090}",
      description = "Prometheus base URL (default: $DGXMON_PROMETHEUS_URL, else http://localhost:9090)")
  URI url;

  @Option(names = "--ca-file", paramLabel = "FILE",
      description = "PEM CA certificate(s) to trust for an https:// URL (default: the JDK's trust store)")
  Path caFile;

  @Option(names = "--basic-auth-user", paramLabel = "NAME", description = "basic-auth user name for Prometheus")
  String user;

  @Option(names = "--basic-auth-password-file", paramLabel = "FILE",
      description = "file holding the basic-auth password (first line); default: $" + PASSWORD_ENV)
  Path passwordFile;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "timeout of each Prometheus request (default: ${DEFAULT-VALUE})")
  int timeoutSeconds;

  /** A client for these options; {@code env} is the process environment (injected for tests). */
  public PrometheusClient client(Map<String, String> env) throws UsageException {
    String scheme = url.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || url.getHost() == null) {
      throw new UsageException("--prometheus: expected an http:// or https:// URL with a host, got " + url);
    }
    if (timeoutSeconds < 1) {
      throw new UsageException("--timeout: expected at least 1 second, got " + timeoutSeconds);
    }
    if (caFile != null && !"https".equals(scheme)) {
      throw new UsageException("--ca-file is for an https:// URL; --prometheus is " + url);
    }
    Optional<PrometheusClient.BasicAuth> auth = Optional.empty();
    if (user != null) {
      auth = Optional.of(new PrometheusClient.BasicAuth(user, password(env)));
    } else if (passwordFile != null) {
      throw new UsageException("--basic-auth-password-file needs --basic-auth-user");
    }
    Optional<SSLContext> tls = caFile == null ? Optional.empty() : Optional.of(trusting(caFile));
    return new PrometheusClient(url, tls, auth, Duration.ofSeconds(timeoutSeconds));
  }

  private String password(Map<String, String> env) throws UsageException {
    if (passwordFile == null) {
      String fromEnv = env.get(PASSWORD_ENV);
      if (fromEnv == null) {
        throw new UsageException("--basic-auth-user " + user + " needs a password: --basic-auth-password-file FILE"
            + " or $" + PASSWORD_ENV);
      }
      return fromEnv;
    }
    try {
      if (!Files.isRegularFile(passwordFile) || Files.size(passwordFile) > MAX_PASSWORD_BYTES) {
        throw new UsageException("--basic-auth-password-file " + passwordFile + ": not a regular file of at most "
            + MAX_PASSWORD_BYTES + " bytes");
      }
      String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
      return text.lines().findFirst().orElse("");
    } catch (IOException e) {
      throw new UsageException("--basic-auth-password-file " + passwordFile + ": cannot read: " + e.getMessage());
    }
  }

  private static SSLContext trusting(Path caFile) throws UsageException {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int n = 0;
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + n++, ca);
      }
      if (n == 0) {
        throw new UsageException("--ca-file " + caFile + ": no PEM certificate in it");
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new UsageException("--ca-file " + caFile + ": cannot read PEM certificates: " + e.getMessage());
    }
  }
}
