package io.dgxmon.exporter.gpu;

import io.dgxmon.exporter.files.BoundedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads jobstats' {@code --gpustat-dir} ({@code /run/gpustat/<gpu>|<gpu>.<gi>|<uuid>}, one line each) through
 * {@link BoundedFiles}: regular files only, size-capped, with a deadline.
 */
public final class GpustatFiles {
  private static final Pattern NAME = Pattern.compile("^(\\d+(\\.\\d+)?|(GPU|MIG)-[0-9A-Za-z-]{1,80})$");

  private GpustatFiles() {}

  /** File contents by file name; empty when the directory does not exist. */
  public static Map<String, String> read(Path dir, BoundedFiles files) throws IOException {
    return files.readDirectory(dir, name -> NAME.matcher(name).matches());
  }
}
