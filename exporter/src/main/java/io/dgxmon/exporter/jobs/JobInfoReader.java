package io.dgxmon.exporter.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the prolog's job info files ({@code <dir>/<jobid>}, {@code key=value} lines). Files whose name is not a
 * job id (the prolog's temporary files, stray editor backups) are ignored, as are unknown keys and unparsable
 * numbers; a file that vanishes while being read (the epilog removed it) is simply absent.
 */
public final class JobInfoReader {
  private final Path dir;

  public JobInfoReader(Path dir) {
    this.dir = dir;
  }

  /** Every job, keyed and sorted by job id; empty when the directory does not exist. */
  public Map<String, JobInfo> readAll() throws IOException {
    Map<String, JobInfo> jobs = new TreeMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (!JobIds.isJobId(name)) {
          continue;
        }
        String text;
        try {
          text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
          continue;
        }
        JobInfo info = parse(name, text);
        jobs.put(info.jobId(), info);
      }
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    return jobs;
  }

  /** SLUID → numeric job id, for the jobs whose file has both. */
  public static Map<String, String> jobIdsBySluid(Map<String, JobInfo> jobs) {
    Map<String, String> bySluid = new HashMap<>();
    for (JobInfo job : jobs.values()) {
      if (!job.sluid().isEmpty() && JobIds.isNumericJobId(job.jobId())) {
        bySluid.put(job.sluid(), job.jobId());
      }
    }
    return bySluid;
  }

  /** Parses one file's text; {@code fileName} is the job id when the file has no {@code job_id} key. */
  public static JobInfo parse(String fileName, String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
      }
    }
    String jobId = values.getOrDefault("job_id", "");
    return new JobInfo(
        JobIds.isJobId(jobId) ? jobId : fileName,
        number(values.get("uid")),
        values.getOrDefault("user", ""),
        values.getOrDefault("account", ""),
        values.getOrDefault("partition", ""),
        list(values.getOrDefault("gpus", "")),
        JobIds.isSluid(values.getOrDefault("sluid", "")) ? values.get("sluid") : "",
        number(values.get("start_time")));
  }

  private static long number(String text) {
    if (text == null || !JobIds.isNumericJobId(text)) {
      return -1;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1; // 19 digits past Long.MAX_VALUE: unparsable like any other bad number, not a failed scrape
    }
  }

  private static List<String> list(String text) {
    List<String> items = new ArrayList<>();
    Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(items::add);
    return items;
  }
}
