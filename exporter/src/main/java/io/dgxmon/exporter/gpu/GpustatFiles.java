package io.dgxmon.exporter.gpu;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads jobstats' {@code --gpustat-dir} ({@code /run/gpustat/<gpu>|<gpu>.<gi>|<uuid>}, one line each). */
public final class GpustatFiles {
  private static final Pattern NAME = Pattern.compile("^(\\d+(\\.\\d+)?|(GPU|MIG)-[0-9A-Za-z-]{1,80})$");
  private static final int MAX_BYTES = 256;

  private GpustatFiles() {}

  /** File contents by file name; empty when the directory does not exist. */
  public static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> files = new HashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path file : entries) {
        String name = file.getFileName().toString();
        if (!NAME.matcher(name).matches() || !Files.isRegularFile(file)) {
          continue;
        }
        try (InputStream in = Files.newInputStream(file)) {
          files.put(name, new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
          // removed by the epilog while we listed the directory
        }
      }
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    return files;
  }
}
