package io.dgxmon.exporter.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dgxmon.exporter.cgroup.CgroupTrees.Figures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the cgroup v2 reader through one job cgroup on disk: the input's first byte picks which file of
 * {@link CgroupTrees#v2FilesRead} is replaced, the rest is its content ({@link OneFileReplaced}).
 */
class CgroupV2ReaderFuzzTest {
  private static final String JOB = "system.slice/slurmstepd.scope/job_42";

  @TempDir static Path root;

  @BeforeAll
  static void writeTheJobsCgroup() {
    CgroupTrees.v2(root, JOB, Figures.sample(1));
  }

  /** Property: whatever one of its files holds, the job's cgroup gives its one sample and nothing throws. */
  @FuzzTest
  void anyFileContentStillGivesTheJobsSample(byte[] input) throws Exception {
    String[] files = CgroupTrees.v2FilesRead(root.resolve(JOB));
    List<CgroupSample> samples = OneFileReplaced.read(root, files, input, CgroupV2ReaderTest.NODE);
    assertEquals(List.of("42"), samples.stream().map(CgroupSample::jobId).toList());
  }
}
