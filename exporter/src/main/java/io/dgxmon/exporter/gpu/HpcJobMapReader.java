package io.dgxmon.exporter.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * per line. Other names are ignored; a missing directory is an empty map. Lines that cannot be a job id (too long,
 * control characters) are skipped and logged once.
 */
public final class HpcJobMapReader {
  private static final Pattern FILE_NAME = Pattern.compile("^\\d+(\\.\\d+)?$");
  private static final int MAX_FILE_BYTES = 64 * 1024;
  private static final int MAX_JOB_ID_LENGTH = 128;

  private final Path dir;
  private final Consumer<String> log;
  private final Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();

  public HpcJobMapReader(Path dir, Consumer<String> log) {
    this.dir = dir;
    this.log = log;
  }

  public HpcJobMap read() throws IOException {
    Map<String, List<String>> jobs = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (FILE_NAME.matcher(name).matches() && Files.isRegularFile(file)) {
          String text = readSmall(file);
          if (text != null) {
            jobs.put(name, parse(file, text));
          }
        }
      }
    } catch (NoSuchFileException e) {
      return HpcJobMap.EMPTY;
    }
    return new HpcJobMap(jobs);
  }

  /** Job ids of one file's text: trimmed, non-empty lines, first occurrence kept. */
  List<String> parse(Path file, String text) {
    Set<String> ids = new LinkedHashSet<>();
    for (String raw : text.split("\n")) {
      String id = raw.trim();
      if (id.isEmpty()) {
        continue;
      }
      if (id.length() > MAX_JOB_ID_LENGTH || id.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
        if (reported.add(file + "\0" + id)) {
          log.accept("ignoring line in GPU job map " + file + ": not a job id: '"
              + id.substring(0, Math.min(id.length(), 40)).replaceAll("\\p{Cntrl}", "?") + "'");
        }
        continue;
      }
      ids.add(id);
    }
    return new ArrayList<>(ids);
  }

  private static String readSmall(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(MAX_FILE_BYTES), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return null; // removed by the epilog while we listed the directory
    }
  }
}
