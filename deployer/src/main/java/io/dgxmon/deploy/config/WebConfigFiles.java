package io.dgxmon.deploy.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dgxmon.common.config.JsonFields;
import io.dgxmon.common.web.WebConfigException;
import io.dgxmon.common.web.WebConfigReader;
import io.dgxmon.deploy.config.DeployConfig.WebConfigFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code exporter.webConfigFile} / {@code roleMonitor.webConfigFile}: a web config YAML on the deploy machine, checked
 * here with the programs' own {@link WebConfigReader} so that a bad file fails at config read, naming the key. The
 * TLS files it names must be absolute: the file is installed elsewhere than where it was written, and a relative path
 * would then point somewhere else.
 */
final class WebConfigFiles {
  static final List<String> TLS_FILE_KEYS = List.of("cert_file", "key_file", "client_ca_file");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private WebConfigFiles() {}

  static WebConfigFile read(JsonFields f, String key) {
    String source = SafePaths.absolutePath(f, key, "");
    if (source == null || source.isEmpty()) {
      return WebConfigFile.NONE;
    }
    String field = f.fieldPath(key);
    Path file = Path.of(source);
    try {
      WebConfigReader.read(file);
      String yaml = Files.readString(file, StandardCharsets.UTF_8);
      JsonNode tls = YAML.readTree(yaml).path("tls_server_config");
      for (String name : TLS_FILE_KEYS) {
        JsonNode value = tls.path(name);
        if (value.isTextual() && !value.asText().isEmpty() && !value.asText().startsWith("/")) {
          f.problems().add(field, source + ": tls_server_config." + name + ": \"" + value.asText()
              + "\" is not an absolute path (the file is installed elsewhere; name the file as it is on the targets)");
          return WebConfigFile.NONE;
        }
      }
      return new WebConfigFile(source, yaml);
    } catch (WebConfigException e) {
      f.problems().add(field, e.getMessage());
    } catch (IOException e) {
      f.problems().add(field, source + ": cannot read: " + e.getMessage());
    }
    return WebConfigFile.NONE;
  }
}
