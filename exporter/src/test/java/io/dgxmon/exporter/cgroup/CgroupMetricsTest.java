package io.dgxmon.exporter.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.exporter.jobs.JobInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CgroupMetricsTest {
  private static final CgroupStats STATS = new CgroupStats(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);

  @Test
  void noSamplesWriteNothing() {
    assertEquals("", Exposition.cgroups(List.of(), Map.of(), Map.of()));
  }

  @Test
  void aLabelSetSeenTwiceIsWrittenOnceAndTheTextStaysParsable() {
    // a SLUID directory mapped to job 42 beside job 42's numeric directory (Slurm 26.05, v2)
    List<CgroupSample> samples = List.of(new CgroupSample("42", "", "", 1000, STATS),
        new CgroupSample("s1ab2cd3", "", "", -1, STATS.plus(STATS)));

    String text = Exposition.cgroups(samples, Map.of("s1ab2cd3", "42"), Map.of());

    assertEquals(List.of("cgroup_cpus{jobid=\"42\",step=\"\",task=\"\"} 4.0"),
        text.lines().filter(l -> l.startsWith("cgroup_cpus{")).toList());
    assertEquals(List.of("cgroup_uid{jobid=\"42\"} 1000.0"),
        text.lines().filter(l -> l.startsWith("cgroup_uid{")).toList());
  }

  @Test
  void stepNamesFromDirectoryNamesAreEscaped() {
    List<CgroupSample> samples = List.of(new CgroupSample("42", "", "", 7, STATS),
        new CgroupSample("42", "a\"b\\c\nd", "", -1, STATS));

    String text = Exposition.cgroups(samples, Map.of(), Map.of());

    assertEquals(List.of("cgroup_cpus{jobid=\"42\",step=\"\",task=\"\"} 4.0",
        "cgroup_cpus{jobid=\"42\",step=\"a\\\"b\\\\c\\nd\",task=\"\"} 4.0"),
        text.lines().filter(l -> l.startsWith("cgroup_cpus{")).toList());
  }

  @Test
  void aJobWithoutAUidInItsPathTakesTheOneOfItsJobInfoFile() {
    JobInfo info = new JobInfo("42", 4242, "alice", "acct", "gpu", List.of(), "", -1);
    String text = Exposition.cgroups(List.of(new CgroupSample("42", "", "", -1, STATS)), Map.of(),
        Map.of("42", info));

    assertEquals(List.of("cgroup_uid{jobid=\"42\"} 4242.0"),
        text.lines().filter(l -> l.startsWith("cgroup_uid{")).toList());
  }
}
