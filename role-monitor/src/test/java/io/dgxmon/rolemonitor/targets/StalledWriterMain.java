package io.dgxmon.rolemonitor.targets;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Child process for the kill -9 test: writes one target file and stops for good between the fsynced
 * temp file and the rename, after announcing it through {@code args[3]}.
 */
public final class StalledWriterMain {
  private StalledWriterMain() {}

  public static void main(String[] args) throws Exception {
    Path ready = Path.of(args[3]);
    FileSdWriter writer = new FileSdWriter(Path.of(args[0]), (temp, target) -> {
      Path announce = Path.of(ready + ".part");
      Files.writeString(announce, temp.toString());
      Files.move(announce, ready, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    writer.write(args[1], args[2]);
  }
}
