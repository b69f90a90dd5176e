package io.dgxmon.common.web;

import io.dgxmon.common.web.WebConfigReader.RawFile;
import io.dgxmon.common.web.WebConfigReader.RawTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/** The toolkit's rules on top of the file's shape: required TLS files, known enum values, allowed headers. */
final class WebConfigValidation {
  /** Go's version names in order; index = rank. */
  private static final List<String> GO_VERSIONS = List.of("TLS10", "TLS11", "TLS12", "TLS13");
  private static final List<String> JSSE_VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
  /** The only headers the toolkit lets a file set, with their allowed values where it restricts them. */
  private static final Map<String, Set<String>> ALLOWED_HEADERS = Map.of(
      "Strict-Transport-Security", Set.of(),
      "X-Content-Type-Options", Set.of("nosniff"),
      "X-Frame-Options", Set.of("deny", "sameorigin"),
      "X-XSS-Protection", Set.of(),
      "Content-Security-Policy", Set.of());
  private static final Pattern BCRYPT = Pattern.compile("\\$2[abxy]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  private WebConfigValidation() {}

  static WebConfig validate(Path file, RawFile raw) throws WebConfigException {
    Map<String, String> users = raw.basicAuthUsers() == null ? Map.of() : raw.basicAuthUsers();
    for (Map.Entry<String, String> user : users.entrySet()) {
      if (user.getValue() == null || !BCRYPT.matcher(user.getValue()).matches()) {
        throw fail(file, "basic_auth_users." + user.getKey(), "expected a bcrypt hash ($2y$10$...), e.g. from "
            + "'htpasswd -nBC 10 \"\" | tr -d :'");
      }
    }
    Map<String, String> headers = raw.http() == null || raw.http().headers() == null ? Map.of() : raw.http().headers();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      checkHeader(file, header.getKey(), header.getValue());
    }
    Optional<WebConfig.Tls> tls = raw.tls() == null ? Optional.empty() : Optional.of(tls(file, raw.tls()));
    return new WebConfig(tls, users, headers);
  }

  private static void checkHeader(Path file, String name, String value) throws WebConfigException {
    String key = "http_server_config.headers." + name;
    Set<String> allowed = ALLOWED_HEADERS.get(name);
    if (allowed == null) {
      throw fail(file, key, "this header cannot be configured; allowed: " + ALLOWED_HEADERS.keySet().stream()
          .sorted().toList());
    }
    if (value == null || !allowed.isEmpty() && !allowed.contains(value.toLowerCase(Locale.ROOT))) {
      throw fail(file, key, "expected one of " + allowed + ", got '" + value + "'");
    }
  }

  private static WebConfig.Tls tls(Path file, RawTls raw) throws WebConfigException {
    Path dir = file.toAbsolutePath().getParent();
    Path cert = dir.resolve(WebConfigReader.text(raw.certFile()).orElseThrow(
        () -> fail(file, "tls_server_config.cert_file", "missing (a PEM certificate, chain after it)")));
    Path key = dir.resolve(WebConfigReader.text(raw.keyFile()).orElseThrow(
        () -> fail(file, "tls_server_config.key_file", "missing (a PEM PKCS#8 private key)")));
    ClientAuthType clientAuth = clientAuth(file, raw.clientAuthType());
    Optional<Path> clientCa = WebConfigReader.text(raw.clientCaFile()).map(dir::resolve);
    if (clientAuth.verifies && clientCa.isEmpty()) {
      throw fail(file, "tls_server_config.client_ca_file", "required by client_auth_type " + clientAuth);
    }
    if (clientCa.isPresent() && clientAuth == ClientAuthType.NoClientCert) {
      throw fail(file, "tls_server_config.client_auth_type", "client_ca_file is set but no client certificate is "
          + "asked for; set e.g. RequireAndVerifyClientCert");
    }
    int min = version(file, "min_version", raw.minVersion(), "TLS12");
    int max = version(file, "max_version", raw.maxVersion(), "TLS13");
    if (min > max) {
      throw fail(file, "tls_server_config.min_version", "higher than max_version");
    }
    List<String> ciphers = cipherSuites(file, raw.cipherSuites());
    return new WebConfig.Tls(cert, key, clientAuth, clientCa, JSSE_VERSIONS.subList(min, max + 1), ciphers);
  }

  private static ClientAuthType clientAuth(Path file, String value) throws WebConfigException {
    Optional<String> name = WebConfigReader.text(value);
    if (name.isEmpty()) {
      return ClientAuthType.NoClientCert;
    }
    try {
      return ClientAuthType.valueOf(name.get());
    } catch (IllegalArgumentException e) {
      throw fail(file, "tls_server_config.client_auth_type", "expected one of "
          + Arrays.toString(ClientAuthType.values()) + ", got '" + value + "'");
    }
  }

  private static int version(Path file, String key, String value, String fallback) throws WebConfigException {
    String name = WebConfigReader.text(value).orElse(fallback);
    int rank = GO_VERSIONS.indexOf(name);
    if (rank < 0) {
      throw fail(file, "tls_server_config." + key, "expected one of " + GO_VERSIONS + ", got '" + value + "'");
    }
    return rank;
  }

  /**
   * As in Go, {@code cipher_suites} governs TLS 1.2 and below; TLS 1.3's suites stay enabled (Go cannot turn them
   * off either), so the JDK's TLS 1.3 suites are appended.
   */
  private static List<String> cipherSuites(Path file, List<String> names) throws WebConfigException {
    if (names == null || names.isEmpty()) {
      return List.of();
    }
    List<String> supported = supportedCipherSuites();
    List<String> suites = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!supported.contains(names.get(i))) {
        throw fail(file, "tls_server_config.cipher_suites[" + i + "]", "'" + names.get(i)
            + "' is not a cipher suite this Java runtime supports");
      }
      suites.add(names.get(i));
    }
    supported.stream().filter(s -> s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")).forEach(suites::add);
    return suites;
  }

  private static List<String> supportedCipherSuites() {
    try {
      return List.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no TLS", e);
    }
  }

  static WebConfigException fail(Path file, String key, String message) {
    return new WebConfigException(file + ": " + key + ": " + message);
  }
}
