package io.dgxmon.e2e.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What the dgxmon scripts left on one node: GPU map files, job info files, gpustat files, read as values. */
record NodeJobFiles(Path mapDir, Path jobInfoDir, Path gpustatDir) {
  private static final String MAP_FILE_NAME = "\\d+(\\.\\d+)?";

  /** GPU map file name → its lines (job ids); empty when the dir is missing or holds none. */
  Map<String, List<String>> gpuJobs() {
    return readDir(mapDir, MAP_FILE_NAME);
  }

  /** gpustat file name → its lines ("<jobid> <uid>"). */
  Map<String, List<String>> gpustat() {
    return readDir(gpustatDir, MAP_FILE_NAME);
  }

  /** Job info files: job id → key=value pairs in file order. */
  Map<String, Map<String, String>> jobInfos() {
    Map<String, Map<String, String>> infos = new TreeMap<>();
    readDir(jobInfoDir, "[0-9]+|s[0-9A-Z]{13}").forEach((job, lines) -> {
      Map<String, String> pairs = new java.util.LinkedHashMap<>();
      lines.forEach(l -> pairs.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
      infos.put(job, pairs);
    });
    return infos;
  }

  private static Map<String, List<String>> readDir(Path dir, String namePattern) {
    Map<String, List<String>> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.toList()) {
        String name = file.getFileName().toString();
        if (name.matches(namePattern)) {
          files.put(name, Files.readAllLines(file));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }
}
