package io.dgxmon.exporter.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.files.HostileFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    Map<String, JobInfo> jobs = new JobInfoReader(dir, line -> {}).readAll();

    assertEquals(Map.of(
        "4242", new JobInfo("4242", 1000, "alice", "physics", "gpu", List.of("0", "3"), "s5K1KKYAYG5D00",
            1_700_000_000L),
        "17", new JobInfo("17", -1, "bob", "", "", List.of(), "", -1)), jobs);
    assertEquals(Map.of("s5K1KKYAYG5D00", "4242"), JobInfoReader.jobIdsBySluid(jobs));
  }

  private final List<String> logged = new ArrayList<>();

  private Map<String, JobInfo> readHostileDir() {
    return assertTimeoutPreemptively(Duration.ofSeconds(10), () -> new JobInfoReader(dir, logged::add).readAll());
  }

  private void writeGoodJob() throws IOException {
    Files.writeString(dir.resolve("100"), "job_id=100\nuid=4242\nuser=alice\n");
  }

  @Test
  void aFifoIsSkippedWithoutEverBlocking() throws Exception {
    writeGoodJob();
    HostileFiles.fifo(dir.resolve("12345"));
    assertEquals(Set.of("100"), readHostileDir().keySet());
    assertEquals(List.of("skipping " + dir.resolve("12345") + ": not a regular file: a FIFO, socket or device"),
        logged);
  }

  @Test
  void aSymlinkToADeviceIsNotFollowed() throws Exception {
    writeGoodJob();
    Files.createSymbolicLink(dir.resolve("781"), Path.of("/dev/zero"));
    assertEquals(Set.of("100"), readHostileDir().keySet());
    assertEquals(List.of("skipping " + dir.resolve("781") + ": not a regular file: a symbolic link (never followed)"),
        logged);
  }

  @Test
  void aHugeFileIsSkippedNotLoaded() throws Exception {
    writeGoodJob();
    HostileFiles.huge(dir.resolve("200"), 16L << 20);
    long before = usedHeap();
    assertEquals(Set.of("100"), readHostileDir().keySet());
    assertTrue(usedHeap() - before < (8L << 20), "a 16 MB file must not be loaded");
    assertEquals(List.of("skipping " + dir.resolve("200") + ": larger than the 65536-byte limit"), logged);
  }

  @Test
  void invalidUtf8SkipsOnlyThatJobAndNamesTheFile() throws Exception {
    writeGoodJob();
    HostileFiles.latin1(dir.resolve("300"), "job_id=300\nuser=ren", "\n");
    assertEquals(Set.of("100"), readHostileDir().keySet());
    assertEquals(List.of("skipping " + dir.resolve("300") + ": not valid UTF-8"), logged);
  }

  @Test
  void labelValuesAreCut() throws Exception {
    Files.writeString(dir.resolve("100"), "user=" + "u".repeat(5000) + "\naccount=" + "a".repeat(129) + "\n");
    JobInfo job = readHostileDir().get("100");
    assertEquals("u".repeat(128), job.user());
    assertEquals("a".repeat(128), job.account());
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    runtime.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  @Test
  void numbersPastLongAreIgnoredLikeAnyUnparsableNumber() {
    JobInfo job = JobInfoReader.parse("4242", "uid=9999999999999999999\nstart_time=9223372036854775808\n");
    assertEquals(List.of(-1L, -1L), List.of(job.uid(), job.startTime()));
  }

  @Test
  void aMissingDirectoryMeansNoJobs() throws IOException {
    assertEquals(Map.of(), new JobInfoReader(dir.resolve("absent"), line -> {}).readAll());
  }

  @Test
  void jobIds() {
    assertEquals(List.of(true, true, false, false, false), List.of(JobIds.isJobId("123"),
        JobIds.isJobId("s5K1KKYAYG5D00"), JobIds.isJobId("s5k1KKYAYG5D00"), JobIds.isJobId("../x"),
        JobIds.isJobId("")));
  }
}
