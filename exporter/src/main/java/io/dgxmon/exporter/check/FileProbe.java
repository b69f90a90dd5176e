package io.dgxmon.exporter.check;

import io.dgxmon.exporter.check.DirFacts.Skipped;
import io.dgxmon.exporter.files.BoundedFiles;
import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.exporter.gpu.GpustatFiles;
import io.dgxmon.exporter.gpu.HpcJobMap;
import io.dgxmon.exporter.gpu.HpcJobMapReader;
import io.dgxmon.exporter.gpu.MigMapFile;
import io.dgxmon.exporter.jobs.JobIds;
import io.dgxmon.exporter.jobs.JobInfo;
import io.dgxmon.exporter.jobs.JobInfoReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the job map, job info and gpustat directories with the service's own readers, and explains every entry
 * they leave out. Only reads; a missing directory is reported, never created.
 */
final class FileProbe {
  /** The names the readers accept, to tell a wrong name from other reasons for skipping (the readers decide). */
  private static final Pattern GPU_KEY = Pattern.compile("\\d+(\\.\\d+)?");
  private static final Pattern GPUSTAT_NAME = Pattern.compile("\\d+(\\.\\d+)?|(GPU|MIG)-[0-9A-Za-z-]{1,80}");
  private static final int MIG_MAP_MAX_BYTES = 1 << 20;

  private FileProbe() {}

  static DirFacts jobMap(Path dir) {
    return survey("job map", dir, "not <gpu> or <gpu>.<gpu instance>", GPU_KEY.asMatchPredicate(), () -> {
      HpcJobMap map = new HpcJobMapReader(dir, line -> { }).read();
      return new Contents(map.jobsByKey().keySet(), DirContents.jobMap(map.jobsByKey()));
    });
  }

  static DirFacts jobInfo(Path dir) {
    return survey("job info", dir, "not a job id", JobIds::isJobId, () -> {
      Map<String, JobInfo> jobs = new JobInfoReader(dir, line -> { }).readAll();
      return new Contents(jobs.keySet(), DirContents.jobInfo(jobs));
    });
  }

  static DirFacts gpustat(Optional<Path> dir) {
    if (dir.isEmpty()) {
      return DirFacts.off("gpustat");
    }
    return survey("gpustat", dir.get(), "not <gpu>, <gpu>.<gi> or a GPU/MIG UUID", GPUSTAT_NAME.asMatchPredicate(),
        () -> {
          Map<String, String> files = GpustatFiles.read(dir.get(),
              new BoundedFiles(BoundedFiles.Limits.DEFAULT, new FileProblems(line -> { })));
          return new Contents(files.keySet(), DirContents.gpustat(files));
        });
  }

  /** The MIG map file now, and what the service would write after {@code nvml}'s read. */
  static MigMapFacts migMap(Path file, NvmlFacts nvml) {
    Optional<String> wouldWrite = nvml.snapshot().map(s -> new MigMapFile(file, line -> { }).render(s));
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return new MigMapFacts(file, Optional.empty(), Optional.empty(), wouldWrite);
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return new MigMapFacts(file, Optional.empty(), Optional.of("not a regular file"), wouldWrite);
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      String text = new String(in.readNBytes(MIG_MAP_MAX_BYTES), StandardCharsets.US_ASCII);
      return new MigMapFacts(file, Optional.of(text), Optional.empty(), wouldWrite);
    } catch (IOException e) {
      return new MigMapFacts(file, Optional.empty(), Optional.of(String.valueOf(e.getMessage())), wouldWrite);
    }
  }

  /** What a reader read: the names of the files it used and a summary of their content. */
  private record Contents(Set<String> names, DirContents.Summary summary) {}

  private interface Reading {
    Contents read() throws IOException;
  }

  private static DirFacts survey(String topic, Path dir, String badName, Predicate<String> nameAccepted,
      Reading reading) {
    List<String> entries = new ArrayList<>();
    try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
      listing.forEach(entry -> entries.add(entry.getFileName().toString()));
      Contents contents = reading.read();
      List<Skipped> skipped = new ArrayList<>();
      for (String name : new TreeSet<>(entries)) {
        if (!contents.names().contains(name)) {
          skipped.add(new Skipped(name, reason(dir.resolve(name), nameAccepted.test(name), badName)));
        }
      }
      return new DirFacts(topic, Optional.of(dir), DirFacts.State.PRESENT, "", contents.names().size(),
          contents.summary().jobs(), contents.summary().text(), skipped);
    } catch (NoSuchFileException e) {
      return DirFacts.missing(topic, dir);
    } catch (IOException | RuntimeException e) {
      return DirFacts.unreadable(topic, dir, e.toString());
    }
  }

  private static String reason(Path entry, boolean nameAccepted, String badName) {
    if (Files.isSymbolicLink(entry)) {
      return "a symbolic link";
    }
    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      return "a directory";
    }
    if (!Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
      return "not a regular file";
    }
    return nameAccepted ? "not read (unreadable, too large, or removed meanwhile)" : "name is " + badName;
  }
}
