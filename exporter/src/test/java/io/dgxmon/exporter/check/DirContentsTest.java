package io.dgxmon.exporter.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgxmon.exporter.jobs.JobInfoReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DirContentsTest {
  @Test
  void jobMapCountsDistinctJobsAndShortensWhatAFileSays() {
    DirContents.Summary summary = DirContents.jobMap(Map.of("1.2", List.of("18"), "0", List.of("17", "18"),
        "3", List.of("a", "b", "c", "d"), "4", List.of("x".repeat(100) + "\u0007")));
    assertEquals(7, summary.jobs());
    assertEquals("7 jobs on 4 GPUs (0: 17,18; 1.2: 18; 3: a,b,c and 1 more; 4: " + "x".repeat(29) + "...)",
        summary.text());
  }

  @Test
  void jobInfoAndGpustatNameTheirJobs() {
    assertEquals("1 job (17 alice)",
        DirContents.jobInfo(Map.of("17", JobInfoReader.parse("17", "user=alice\n"))).text());
    DirContents.Summary gpustat = DirContents.gpustat(Map.of("0", "17 1000\n", "1", ""));
    assertEquals("2 GPUs (0: 17 1000; 1: empty)", gpustat.text());
    assertEquals(1, gpustat.jobs());
  }
}
