package io.dgxmon.exporter.cgroup;

import io.dgxmon.exporter.files.FileProblems;
import io.dgxmon.testkit.ParserContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * How the cgroup reader fuzz targets feed a fuzz input to a reader: its first byte picks one of the files the reader
 * reads, the rest replaces that file's content for one read; the file is put back after, so the tree is written once.
 */
final class OneFileReplaced {
  private static final FileProblems QUIET = new FileProblems(line -> { });

  private OneFileReplaced() {}

  /** The samples read from {@code root} with one of {@code files} replaced, through {@link ParserContract#value}. */
  static List<CgroupSample> read(Path root, String[] files, byte[] input, NodeMemory node) throws Exception {
    if (input.length == 0) {
      return ParserContract.value(() -> CgroupReader.detect(root.toString(), false, node, QUIET).read());
    }
    Path file = Path.of(files[(input[0] & 0xff) % files.length]);
    byte[] original = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOfRange(input, 1, input.length));
    try {
      return ParserContract.value(() -> CgroupReader.detect(root.toString(), false, node, QUIET).read());
    } finally {
      Files.write(file, original);
    }
  }
}
