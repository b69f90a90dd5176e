package io.dgxmon.rolemonitor.cmsh;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.testkit.ParserContract;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Fuzzes the parser of cmsh's answer to the monitor's one query (devices, roles, categories, overlays, version). */
class CmshOutputParserFuzzTest {
  private static final Set<String> PHYSICAL = Set.of("physicalnode");

  /** Property: any cmsh output gives a snapshot or a CmshParseException, never another exception. */
  @FuzzTest
  void anyOutputGivesASnapshotOrACmshParseException(byte[] input) {
    String output = new String(input, StandardCharsets.UTF_8);
    ParserContract.valueOrRefusal(CmshParseException.class, () -> CmshOutputParser.parse(output, PHYSICAL));
  }
}
