package io.dgxmon.deploy.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds spent on each side of a benchmark phase, from /proc: this JVM (the deployer), the children it reaped
 * (OpenSSH clients), and the sshd listener's reaped children (every server-side session, with its cat/tar/shell).
 */
final class CpuMeter {
  private static final double TICKS_PER_SECOND = 100.0;
  private final long sshdPid;

  CpuMeter(long sshdPid) {
    this.sshdPid = sshdPid;
  }

  /** A reading: own, reaped children, and sshd's reaped children, in clock ticks. */
  record Reading(long self, long children, long server, long jit) {
    /** CPU seconds on both sides since {@code start}. */
    double totalSince(Reading start) {
      return (self - start.self + children - start.children + server - start.server) / TICKS_PER_SECOND;
    }

    String since(Reading start, double wall) {
      double client = (self - start.self + children - start.children) / TICKS_PER_SECOND;
      double srv = (server - start.server) / TICKS_PER_SECOND;
      return String.format("cpu client %6.2f s (JIT %5.2f), server %6.2f s, total %6.2f s (%.2f cores busy)",
          client, (jit - start.jit) / TICKS_PER_SECOND, srv, client + srv, (client + srv) / wall);
    }
  }

  Reading read() throws IOException {
    long[] me = ticks(Path.of("/proc/self/stat"));
    long[] sshd = ticks(Path.of("/proc/" + sshdPid + "/stat"));
    return new Reading(me[0] + me[1], me[2] + me[3], sshd[2] + sshd[3], jitTicks());
  }

  /** CPU of HotSpot's compiler threads ("C1 CompilerThre", "C2 CompilerThre"), which live as long as the JVM. */
  private static long jitTicks() throws IOException {
    long sum = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          if (Files.readString(task.resolve("comm")).contains("CompilerThre")) {
            long[] t = ticks(task.resolve("stat"));
            sum += t[0] + t[1];
          }
        } catch (IOException e) {
          // The thread ended while we looked.
        }
      }
    }
    return sum;
  }

  /** utime, stime, cutime, cstime (fields 14-17; the command name may contain spaces, so count from ')'). */
  private static long[] ticks(Path stat) throws IOException {
    String s = Files.readString(stat);
    String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
    return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
  }

  /** The sshd listener among this JVM's children (the test kit starts it in the foreground). */
  static long sshdPid() {
    return ProcessHandle.current().children()
        .filter(p -> p.info().command().map(c -> c.endsWith("/sshd")).orElse(false))
        .findFirst().orElseThrow(() -> new IllegalStateException("no sshd child process")).pid();
  }
}
