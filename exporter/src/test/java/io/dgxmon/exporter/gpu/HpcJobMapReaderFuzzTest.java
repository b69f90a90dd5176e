package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.testkit.ParserContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Fuzzes the parser of one GPU job map file ({@code <hpc-job-mapping-dir>/<gpu>[.<gi>]}, one job id a line). */
class HpcJobMapReaderFuzzTest {

  /** Property: any file text parses without throwing, into job ids of at most 128 chars, no control chars. */
  @FuzzTest
  void anyTextGivesOnlyUsableJobIds(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    // A reader per input: one reader remembers every bad line it logged, which would grow through a long run.
    HpcJobMapReader reader = new HpcJobMapReader(Path.of("/run/dgxmon/job-map"), line -> { });
    List<String> ids = ParserContract.value(() -> reader.parse(Path.of("/run/dgxmon/job-map/0"), text));
    for (String id : ids) {
      assertTrue(!id.isEmpty() && id.length() <= 128 && id.chars().noneMatch(c -> c < 0x20 || c == 0x7f), id);
    }
  }
}
