package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.exporter.jobs.JobIds;
import io.dgxmon.testkit.ParserContract;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Fuzzes the parser of one jobstats gpustat file ({@code <gpustat-dir>/<gpu>|<uuid>}: {@code "<jobid> <uid>"}). */
class GpuJobOwnersFuzzTest {

  /** Property: any gpustat file text parses without throwing, to nothing or to a real job id and a numeric uid. */
  @FuzzTest
  void anyGpustatTextGivesNoOwnerOrAValidOne(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Optional<JobOwner> owner = ParserContract.value(() -> GpuJobOwners.parseGpustat(text));
    owner.ifPresent(o -> assertTrue(JobIds.isJobId(o.jobId()) && o.uid().matches("[0-9]{0,10}"), o.toString()));
  }
}
