package io.dgxmon.exporter.energy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.testkit.ParserContract;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Fuzzes the parser of a DCMI tool's output ({@link DcmiFormat#parse}). The first byte picks the format (even:
 * ipmitool, odd: FreeIPMI) and, in its upper bits, the exit status; the rest is the output.
 */
class DcmiFormatFuzzTest {

  /**
   * Property: any output gives a reading of finite, non-negative watts, or one printable problem line of bounded
   * length; never an exception.
   */
  @FuzzTest
  void anyToolOutputGivesAReadingOrOneProblemLine(byte[] input) {
    DcmiFormat format = input.length > 0 && (input[0] & 1) == 1 ? DcmiFormat.FREEIPMI : DcmiFormat.IPMITOOL;
    int exit = input.length > 0 ? (input[0] & 0xff) >> 6 : 0;
    String output = new String(input.length > 0 ? Arrays.copyOfRange(input, 1, input.length) : input,
        StandardCharsets.UTF_8);
    DcmiAnswer answer = ParserContract.value(() -> format.parse(output, exit));
    answer.reading().ifPresentOrElse(r -> assertTrue(Double.isFinite(r.currentWatts()) && r.currentWatts() >= 0
        && r.averageWatts().orElse(0) >= 0 && r.periodSeconds().orElse(0) >= 0, r.toString()),
        () -> assertTrue(!answer.problem().isEmpty() && answer.problem().length() <= 260
            && answer.problem().chars().noneMatch(Character::isISOControl), answer.problem()));
  }
}
