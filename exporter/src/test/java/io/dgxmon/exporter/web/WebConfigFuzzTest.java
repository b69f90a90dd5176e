package io.dgxmon.exporter.web;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.common.web.WebConfigException;
import io.dgxmon.common.web.WebConfigReader;
import io.dgxmon.testkit.ParserContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the {@code --web.config.file} YAML (exporter-toolkit's format), read as every listener reads it. It lives in
 * the exporter's tests, where Jazzer and the test kit's {@link ParserContract} already are (common's tests have
 * neither).
 */
class WebConfigFuzzTest {
  @TempDir static Path dir;

  /** Property: any file content gives a web config or a WebConfigException, never another exception. */
  @FuzzTest
  void anyFileGivesAWebConfigOrAWebConfigException(byte[] input) throws Exception {
    Path file = Files.write(dir.resolve("web.yml"), input);
    ParserContract.valueOrRefusal(WebConfigException.class, () -> WebConfigReader.read(file));
  }
}
