package io.dgxmon.exporter.jobs;

import io.dgxmon.exporter.files.BoundedFiles;
import io.dgxmon.exporter.files.FileProblems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads the prolog's job info files ({@code <dir>/<jobid>}, {@code key=value} lines) through {@link BoundedFiles}:
 * regular files only, size-capped, strict UTF-8, with a deadline; a file that breaks a rule is skipped and logged
 * once, the others are still read. Files whose name is not a job id (the prolog's temporary files, stray editor
 * backups) are ignored, as are unknown keys and unparsable numbers; text values longer than
 * {@link #MAX_VALUE_LENGTH} are cut, since they become label values.
 */
public final class JobInfoReader {
  public static final int MAX_VALUE_LENGTH = 128;

  private final Path dir;
  private final BoundedFiles files;

  public JobInfoReader(Path dir, Consumer<String> log) {
    this(dir, new BoundedFiles(BoundedFiles.Limits.DEFAULT, new FileProblems(log)));
  }

  public JobInfoReader(Path dir, BoundedFiles files) {
    this.dir = dir;
    this.files = files;
  }

  /**
   * Every job, keyed and sorted by job id; empty when the directory does not exist.
   *
   * @throws IOException only when the directory itself cannot be listed
   */
  public Map<String, JobInfo> readAll() throws IOException {
    Map<String, JobInfo> jobs = new TreeMap<>();
    files.readDirectory(dir, JobIds::isJobId).forEach((name, text) -> {
      JobInfo info = parse(name, text);
      jobs.put(info.jobId(), info);
    });
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
        values.put(line.substring(0, eq).trim(), capped(line.substring(eq + 1).trim()));
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

  private static String capped(String value) {
    return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
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
