package io.dgxmon.rolemonitor.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.rolemonitor.cmsh.CmshOutputParser;
import io.dgxmon.rolemonitor.cmsh.CmshParseException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every capture under {@code src/test/resources/captures/} (one directory each, from {@code --check
 * --save-capture}): an answer with an {@code expected.json} must still give exactly that; one without
 * (a cycle that failed) must still be refused. Drop a real cluster's capture in to make it a regression test.
 */
class CaptureReplayTest {
  static final Path CAPTURES = Path.of("src/test/resources/captures");

  static List<Path> captures() throws Exception {
    try (Stream<Path> dirs = Files.list(CAPTURES)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    }
  }

  @Test
  void theSimulatorsBcm10AndBcm11CapturesAreThere() throws Exception {
    List<String> names = captures().stream().map(p -> p.getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("simulator-bcm10", "simulator-bcm11")), names.toString());
  }

  @TestFactory
  Stream<DynamicTest> everyCaptureStillGivesWhatItRecorded() throws Exception {
    return captures().stream().map(capture -> DynamicTest.dynamicTest(capture.getFileName().toString(), () -> {
      if (Files.exists(capture.resolve("expected.json"))) {
        assertEquals(CaptureReplay.expected(capture), CaptureReplay.replay(capture));
      } else {
        String answer = Files.readString(capture.resolve("answer.txt"));
        assertThrows(CmshParseException.class, () -> CmshOutputParser.parse(answer, Set.of("physicalnode")));
      }
    }));
  }
}
