package io.dgxmon.exporter.gpu;

import io.dgxmon.exporter.files.BoundedFiles;
import io.dgxmon.exporter.files.FileProblems;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads dcgm-exporter's {@code --hpc-job-mapping-dir} on every scrape: files named {@code ^\d+(\.\d+)?$}, one job id
 * per line, through {@link BoundedFiles} (regular files only, size-capped, deadline). Other names are ignored; a
 * missing directory is an empty map. Lines that cannot be a job id (too long, control characters) are skipped, and
 * jobs past {@link #MAX_JOBS_PER_FILE} are dropped; both are logged once.
 */
public final class HpcJobMapReader {
  /** Each job multiplies every series of the GPU; a GPU runs a handful of jobs, never hundreds. */
  public static final int MAX_JOBS_PER_FILE = 64;
  /** Also the longest {@code hpc_job}/{@code jobid} label value. */
  public static final int MAX_JOB_ID_LENGTH = 128;
  private static final Pattern FILE_NAME = Pattern.compile("^\\d+(\\.\\d+)?$");
  private static final int MAX_REPORTED = 1000;

  private final Path dir;
  private final BoundedFiles files;
  private final Consumer<String> log;
  private final Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public HpcJobMapReader(Path dir, Consumer<String> log) {
    this(dir, new BoundedFiles(BoundedFiles.Limits.DEFAULT, new FileProblems(log)), log);
  }

  HpcJobMapReader(Path dir, BoundedFiles files, Consumer<String> log) {
    this.dir = dir;
    this.files = files;
    this.log = log;
  }

  public HpcJobMap read() throws IOException {
    Map<String, List<String>> jobs = new HashMap<>();
    files.readDirectory(dir, name -> FILE_NAME.matcher(name).matches())
        .forEach((name, text) -> jobs.put(name, parse(dir.resolve(name), text)));
    return new HpcJobMap(jobs);
  }

  /** Job ids of one file's text: trimmed, non-empty lines, first occurrence kept, at most {@link #MAX_JOBS_PER_FILE}. */
  List<String> parse(Path file, String text) {
    Set<String> ids = new LinkedHashSet<>();
    for (String raw : text.split("\n")) {
      String id = raw.trim();
      if (id.isEmpty()) {
        continue;
      }
      if (id.length() > MAX_JOB_ID_LENGTH || id.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        reportOnce(file + "\0" + id, "ignoring line in GPU job map " + file + ": not a job id: '"
            + id.substring(0, Math.min(id.length(), 40)).replaceAll("\\p{Cc}", "?") + "'");
        continue;
      }
      if (ids.size() == MAX_JOBS_PER_FILE && !ids.contains(id)) {
        reportOnce(file + "\0too many", "GPU job map " + file + " lists more than " + MAX_JOBS_PER_FILE
            + " jobs; only the first " + MAX_JOBS_PER_FILE + " are used");
        break;
      }
      ids.add(id);
    }
    return new ArrayList<>(ids);
  }

  private void reportOnce(String key, String line) {
    if (reported.size() < MAX_REPORTED && reported.add(key)) {
      log.accept(line);
    }
  }
}
