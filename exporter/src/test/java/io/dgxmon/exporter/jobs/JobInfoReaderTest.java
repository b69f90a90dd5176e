package io.dgxmon.exporter.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobInfoReaderTest {
  @TempDir Path dir;

  @Test
  void readsPrologFilesAndIgnoresEverythingElse() throws IOException {
    Files.writeString(dir.resolve("4242"), "job_id=4242\nuid=1000\nuser=alice\naccount=physics\npartition=gpu\n"
        + "gpus=0,3\nsluid=s5K1KKYAYG5D00\nstart_time=1700000000\nfuture_key=ignored\n");
    Files.writeString(dir.resolve("17"), "user=bob\nuid=not-a-number\n");
    Files.writeString(dir.resolve(".4243.tmp"), "job_id=4243\n");
    Files.writeString(dir.resolve("README"), "job_id=1\n");

    Map<String, JobInfo> jobs = new JobInfoReader(dir).readAll();

    assertEquals(Map.of(
        "4242", new JobInfo("4242", 1000, "alice", "physics", "gpu", List.of("0", "3"), "s5K1KKYAYG5D00",
            1_700_000_000L),
        "17", new JobInfo("17", -1, "bob", "", "", List.of(), "", -1)), jobs);
    assertEquals(Map.of("s5K1KKYAYG5D00", "4242"), JobInfoReader.jobIdsBySluid(jobs));
  }

  @Test
  void numbersPastLongAreIgnoredLikeAnyUnparsableNumber() {
    JobInfo job = JobInfoReader.parse("4242", "uid=9999999999999999999\nstart_time=9223372036854775808\n");
    assertEquals(List.of(-1L, -1L), List.of(job.uid(), job.startTime()));
  }

  @Test
  void aMissingDirectoryMeansNoJobs() throws IOException {
    assertEquals(Map.of(), new JobInfoReader(dir.resolve("absent")).readAll());
  }

  @Test
  void jobIds() {
    assertEquals(List.of(true, true, false, false, false), List.of(JobIds.isJobId("123"),
        JobIds.isJobId("s5K1KKYAYG5D00"), JobIds.isJobId("s5k1KKYAYG5D00"), JobIds.isJobId("../x"),
        JobIds.isJobId("")));
  }
}
