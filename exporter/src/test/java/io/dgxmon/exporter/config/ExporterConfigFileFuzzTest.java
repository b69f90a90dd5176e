package io.dgxmon.exporter.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.common.config.ConfigException;
import io.dgxmon.exporter.ExporterCommand;
import io.dgxmon.testkit.ParserContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** Fuzzes the exporter's {@code --config} JSON file, read and resolved exactly as the command line does it. */
class ExporterConfigFileFuzzTest {
  @TempDir static Path dir;

  /** Property: any config file content gives a config or a ConfigException, never another exception. */
  @FuzzTest
  void anyFileGivesAConfigOrAConfigException(byte[] input) throws Exception {
    Path file = Files.write(dir.resolve("exporter.json"), input);
    ParserContract.valueOrRefusal(ConfigException.class,
        () -> ExporterCommand.parseConfig(Map.of(), "--config", file.toString()));
  }
}
