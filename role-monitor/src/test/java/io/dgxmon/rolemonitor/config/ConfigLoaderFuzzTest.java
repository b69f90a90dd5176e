package io.dgxmon.rolemonitor.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.common.config.ConfigException;
import io.dgxmon.testkit.ParserContract;
import java.nio.charset.StandardCharsets;

/** Fuzzes the role monitor's JSON config. */
class ConfigLoaderFuzzTest {

  /** Property: any config text gives a config or a ConfigException, never another exception. */
  @FuzzTest
  void anyTextGivesAConfigOrAConfigException(byte[] input) {
    String json = new String(input, StandardCharsets.UTF_8);
    ParserContract.valueOrRefusal(ConfigException.class, () -> ConfigLoader.parse("role-monitor.json", json));
  }
}
