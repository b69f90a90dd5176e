package io.dgxmon.testkit.nvml;

import io.dgxmon.testkit.RequiredTool;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the fake {@code libnvidia-ml.so.1} (nvml_stub.c) with the real gcc. The library answers NVML calls
 * from the scenario file named by {@link #SCENARIO_ENV}; write one with {@link NvmlScenario}.
 */
public final class NvmlStub {
  /** Environment variable the stub reads its scenario path from (it must be set before the JVM loads it). */
  public static final String SCENARIO_ENV = "DGXMON_NVML_STUB_SCENARIO";
  private static final String SOURCE = "nvml_stub.c";

  private NvmlStub() {}

  /** Compiles the stub into {@code dir} and returns the path of {@code dir/libnvidia-ml.so.1}. */
  public static Path build(Path dir) {
    return build(dir, RequiredTool.require("gcc", "gcc"));
  }

  /** The same for an arm64 (Grace) node, with Debian's cross compiler; it runs under qemu-aarch64. */
  public static Path buildArm64(Path dir) {
    Path gcc = RequiredTool.require("aarch64-linux-gnu-gcc", "gcc-aarch64-linux-gnu");
    // A Recommends of the compiler, so an install without recommends lacks it.
    RequiredTool.requireFile(Path.of("/usr/aarch64-linux-gnu/include/stdio.h"), "libc6-dev-arm64-cross");
    return build(dir, gcc);
  }

  private static Path build(Path dir, Path gcc) {
    try {
      Files.createDirectories(dir);
      Path source = dir.resolve(SOURCE);
      try (InputStream in = NvmlStub.class.getResourceAsStream(SOURCE)) {
        if (in == null) {
          throw new IllegalStateException(SOURCE + " is missing from the test kit's resources");
        }
        Files.write(source, in.readAllBytes());
      }
      Path library = dir.resolve("libnvidia-ml.so.1");
      run(List.of(gcc.toString(), "-shared", "-fPIC", "-O2", "-Wl,-soname,libnvidia-ml.so.1",
          "-o", library.toString(), source.toString(), "-lpthread"), dir);
      return library;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void run(List<String> command, Path dir) throws IOException {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("gcc failed to build the NVML stub: " + command + "\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while compiling the NVML stub", e);
    }
  }
}
