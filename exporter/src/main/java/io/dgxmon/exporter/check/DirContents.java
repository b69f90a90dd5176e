package io.dgxmon.exporter.check;

import io.dgxmon.exporter.jobs.JobInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** One-line summaries of what the job map, job info and gpustat files say. Pure. */
final class DirContents {
  private DirContents() {}

  /** The summary text and how many distinct jobs the files name. */
  record Summary(String text, int jobs) {}

  /** {@code 2 jobs on 3 GPUs (0: 17; 1: 17; 2.1: 18)}. */
  static Summary jobMap(Map<String, List<String>> jobsByKey) {
    TreeSet<String> jobs = new TreeSet<>();
    List<String> entries = new ArrayList<>();
    new TreeMap<>(jobsByKey).forEach((key, ids) -> {
      jobs.addAll(ids);
      entries.add(key + ": " + (ids.isEmpty() ? "none" : shortList(ids)));
    });
    return new Summary(plural(jobs.size(), "job") + " on " + plural(jobsByKey.size(), "GPU") + list(entries),
        jobs.size());
  }

  /** {@code 2 jobs (17 alice; 18 bob)}. */
  static Summary jobInfo(Map<String, JobInfo> jobs) {
    List<String> entries = new ArrayList<>();
    new TreeMap<>(jobs).forEach((id, job) ->
        entries.add(shortened(id) + (job.user().isEmpty() ? "" : " " + shortened(job.user()))));
    return new Summary(plural(jobs.size(), "job") + list(entries), jobs.size());
  }

  /** {@code 2 GPUs (0: 17 1000; 1: 18 1001)}. */
  static Summary gpustat(Map<String, String> files) {
    List<String> entries = new ArrayList<>();
    TreeSet<String> jobs = new TreeSet<>();
    new TreeMap<>(files).forEach((name, text) -> {
      String line = text.strip();
      entries.add(name + ": " + (line.isEmpty() ? "empty" : shortened(line)));
      if (!line.isEmpty()) {
        jobs.add(line.split("\\s+")[0]);
      }
    });
    return new Summary(plural(files.size(), "GPU") + list(entries), jobs.size());
  }

  /** At most three ids, each shortened: a hostile file must not flood the report. */
  private static String shortList(List<String> ids) {
    List<String> shown = ids.stream().limit(3).map(DirContents::shortened).toList();
    return String.join(",", shown) + (ids.size() > 3 ? " and " + (ids.size() - 3) + " more" : "");
  }

  private static String shortened(String text) {
    String printable = text.replaceAll("\\p{Cc}", "?");
    return printable.length() <= 32 ? printable : printable.substring(0, 29) + "...";
  }

  private static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** The first few entries in parentheses; later ones counted. */
  private static String list(List<String> entries) {
    if (entries.isEmpty()) {
      return "";
    }
    int shown = Math.min(entries.size(), 5);
    String more = entries.size() > shown ? "; " + (entries.size() - shown) + " more" : "";
    return " (" + String.join("; ", entries.subList(0, shown)) + more + ")";
  }
}
