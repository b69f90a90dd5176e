package io.dgxmon.common.web;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A checked exporter-toolkit web config (the YAML of node_exporter's {@code --web.config.file}): TLS, bcrypt basic
 * auth users and extra response headers. Paths are absolute (the file's relative ones resolved against its folder).
 */
public record WebConfig(Optional<Tls> tls, Map<String, String> basicAuthUsers, Map<String, String> headers) {

  /** No file: plain HTTP, no authentication, no extra headers. */
  public static final WebConfig PLAIN = new WebConfig(Optional.empty(), Map.of(), Map.of());

  public WebConfig {
    basicAuthUsers = Map.copyOf(basicAuthUsers);
    headers = Map.copyOf(headers);
  }

  /**
   * {@code tls_server_config}. {@code protocols} are the JSSE names from {@code min_version} to {@code max_version};
   * {@code cipherSuites} empty means the JDK's defaults.
   */
  public record Tls(Path certFile, Path keyFile, ClientAuthType clientAuth, Optional<Path> clientCaFile,
      List<String> protocols, List<String> cipherSuites) {
    public Tls {
      protocols = List.copyOf(protocols);
      cipherSuites = List.copyOf(cipherSuites);
    }

    /** The files whose change means new TLS material. */
    public List<Path> files() {
      return clientCaFile.map(ca -> List.of(certFile, keyFile, ca)).orElse(List.of(certFile, keyFile));
    }
  }
}
