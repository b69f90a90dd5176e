package io.dgxmon.common.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an exporter-toolkit web config file strictly, as the toolkit does with Go's {@code UnmarshalStrict}: an
 * unknown key is refused with its path, e.g. {@code web.yml line 2: tls_server_config.cert_fil: unknown key}.
 */
public final class WebConfigReader {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  static final long MAX_BYTES = 1 << 20;

  private WebConfigReader() {}

  public static WebConfig read(Path file) throws WebConfigException {
    String text = readText(file);
    RawFile raw;
    try {
      raw = text.isBlank() ? null : YAML.readValue(text, RawFile.class);
    } catch (JsonProcessingException e) {
      throw new WebConfigException(where(file, text, e) + problem(e));
    }
    if (raw == null) {
      return WebConfig.PLAIN;
    }
    return WebConfigValidation.validate(file, raw);
  }

  /**
   * Only a regular file is read (through symlinks, which admins use): a FIFO would block the read, and reloads run
   * under a lock from request threads, so every request would hang.
   */
  private static String readText(Path file) throws WebConfigException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        throw new WebConfigException(file + ": not a regular file (" + (attributes.isDirectory() ? "a directory"
            : "a FIFO, socket or device") + "); not a web config");
      }
      if (attributes.size() > MAX_BYTES) {
        throw new WebConfigException(file + ": larger than " + MAX_BYTES + " bytes; not a web config");
      }
      return Files.readString(file);
    } catch (IOException e) {
      throw new WebConfigException(file + ": cannot read: " + e, e);
    }
  }

  private static String where(Path file, String text, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    int line = location == null ? -1 : location.getLineNr();
    if (e instanceof UnrecognizedPropertyException unknown) {
      // Jackson reports where it stopped skipping the value; the key's own line is what a reader looks for.
      Pattern key = Pattern.compile("(^|[\\s{,])" + Pattern.quote(unknown.getPropertyName()) + "\\s*:");
      List<String> lines = text.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (key.matcher(lines.get(i)).find()) {
          line = i + 1;
          break;
        }
      }
    }
    return file.getFileName() + (line < 0 ? "" : " line " + line) + ": ";
  }

  private static String problem(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      String known = unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
          .collect(Collectors.joining(", "));
      return keyPath(unknown) + ": unknown key (known here: " + known + ")";
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      return keyPath(mapping) + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    }
    return "invalid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("");
  }

  private static String keyPath(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining(".")).replace(".[", "[");
  }

  /** The file as written; {@link WebConfigValidation} turns it into a {@link WebConfig}. */
  record RawFile(
      @JsonProperty("tls_server_config") RawTls tls,
      @JsonProperty("basic_auth_users") Map<String, String> basicAuthUsers,
      @JsonProperty("http_server_config") RawHttp http) {}

  /**
   * {@code tls_server_config}. {@code prefer_server_cipher_suites} is accepted for files shared with node_exporter
   * (the JDK server always uses its own order when cipher suites are set); nothing else is ignored.
   */
  record RawTls(
      @JsonProperty("cert_file") String certFile,
      @JsonProperty("key_file") String keyFile,
      @JsonProperty("client_auth_type") String clientAuthType,
      @JsonProperty("client_ca_file") String clientCaFile,
      @JsonProperty("min_version") String minVersion,
      @JsonProperty("max_version") String maxVersion,
      @JsonProperty("cipher_suites") List<String> cipherSuites,
      @JsonProperty("prefer_server_cipher_suites") Boolean preferServerCipherSuites) {}

  /** {@code http_server_config}; {@code http2} is accepted and has no effect (the server speaks HTTP/1.1). */
  record RawHttp(
      @JsonProperty("headers") Map<String, String> headers,
      @JsonProperty("http2") Boolean http2) {}

  static Optional<String> text(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }
}
