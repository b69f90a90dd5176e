package io.dgxmon.exporter.files;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The inputs of issue 13, made in a test directory: FIFOs, symlinks to secrets and devices, huge files. */
public final class HostileFiles {
  private HostileFiles() {}

  /** A FIFO nobody writes to: opening it for reading blocks until a writer appears. */
  public static Path fifo(Path path) throws IOException, InterruptedException {
    Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0 || Files.isRegularFile(path)) {
      throw new IOException("mkfifo " + path + " failed");
    }
    return path;
  }

  /** A sparse file of {@code bytes} (fast to make, reads as zeros). */
  public static Path huge(Path path, long bytes) throws IOException {
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.setLength(bytes);
    }
    return path;
  }

  /** A file holding the kind of lines /etc/shadow has, standing in for it (the test may not run as root). */
  public static Path secret(Path path) throws IOException {
    return Files.writeString(path, "root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\nalice:!:19000::::::\n");
  }

  /** Bytes that are not UTF-8 (a Latin-1 {@code é}) inside otherwise normal job info. */
  public static Path latin1(Path path, String before, String after) throws IOException {
    byte[] head = before.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] tail = after.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xE9;
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    return Files.write(path, all);
  }
}
