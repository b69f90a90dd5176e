package io.dgxmon.deploy.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.common.config.ConfigException;
import io.dgxmon.testkit.ParserContract;
import java.nio.charset.StandardCharsets;

/** Fuzzes the deployer's JSON config (nodes, host ranges, SSH, paths, ports, role monitor, Prometheus). */
class ConfigReaderFuzzTest {

  /** Property: any config text gives a config or a ConfigException, never another exception. */
  @FuzzTest
  void anyTextGivesAConfigOrAConfigException(byte[] input) {
    String json = new String(input, StandardCharsets.UTF_8);
    ParserContract.valueOrRefusal(ConfigException.class, () -> ConfigReader.parse("dgxmon.json", json));
  }
}
