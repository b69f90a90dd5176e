package io.dgxmon.exporter.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.testkit.ParserContract;
import java.nio.charset.StandardCharsets;

/** Fuzzes the parser of one prolog job info file ({@code <job-info-dir>/<jobid>}, {@code key=value} lines). */
class JobInfoReaderFuzzTest {

  /** Property: any file text parses without throwing (unparsable numbers are ignored), keyed by a job id. */
  @FuzzTest
  void anyTextParsesToAJob(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    JobInfo job = ParserContract.value(() -> JobInfoReader.parse("4242", text));
    assertTrue(JobIds.isJobId(job.jobId()), job.jobId());
  }
}
