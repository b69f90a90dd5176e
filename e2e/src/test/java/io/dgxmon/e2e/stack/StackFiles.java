package io.dgxmon.e2e.stack;

import io.dgxmon.testkit.nvml.NvmlScenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Prepares the stack's directory before anything is deployed: helper scripts, node roots, /cm/shared, GPUs. */
public final class StackFiles {
  public static final int GPUS_PER_NODE = 4;
  /** GPM graphics activity of the MIG instance {@link #presentMig} creates, in percent. */
  public static final int MIG_GRAPHICS_UTIL_PERCENT = 65;

  private StackFiles() {}

  /** node-exec, and the generic runner as both prolog and epilog. */
  static void installScripts(StackLayout layout) throws IOException {
    Files.createDirectories(layout.bin());
    writeExecutable(layout.nodeExec(), resource("/e2e/node-exec.sh"));
    String runner = resource("/e2e/wlm-runner.sh");
    writeExecutable(layout.prolog(), runner);
    writeExecutable(layout.epilog(), runner);
  }

  /** Each node's root with its own run/ (its /run), and /cm/shared pointing into the head node's root. */
  static void createRoots(StackLayout layout, Topology topology) throws IOException {
    for (String node : topology.nodes()) {
      Files.createDirectories(layout.nodeRoot(node).resolve("run"));
    }
    Files.createDirectories(layout.sharedOnHead());
    Files.createSymbolicLink(layout.shared(), layout.sharedOnHead());
  }

  /** GPU utilisation the stub reports for GPU {@code gpu} of the {@code nodeIndex}-th node (0-based). */
  static int gpuUtilPercent(int nodeIndex, int gpu) {
    return 20 + 20 * nodeIndex + gpu;
  }

  /** Four H100-like GPUs per node, utilisation distinct per node and GPU so a query shows whose values it got. */
  static void writeScenarios(StackLayout layout, Topology topology) {
    for (int n = 0; n < topology.nodes().size(); n++) {
      scenario(n).writeTo(layout.nvmlScenario(topology.nodes().get(n)));
    }
  }

  /**
   * Turns GPU {@code gpu} of a node into MIG mode with one 3g.40gb instance ({@code gi}, {@code migUuid}) that has
   * GPM, graphics activity {@link #MIG_GRAPHICS_UTIL_PERCENT} (the stub re-reads its scenario).
   */
  static void presentMig(StackLayout layout, Topology topology, String node, int gpu, int gi, String migUuid) {
    NvmlScenario scenario = scenario(topology.nodes().indexOf(node)).set(gpu, "gpm", 1)
        .mig(gpu, 0, gi, "3g.40gb", migUuid, 2048);
    for (String metric : List.of("sm_util", "sm_occupancy", "integer_util", "tensor_util", "dram_util", "fp64_util",
        "fp32_util", "fp16_util", "pcie_tx", "pcie_rx", "nvlink_rx", "nvlink_tx")) {
      scenario.set(gpu, "mig.0.gpm_" + metric, 10);
    }
    scenario.set(gpu, "mig.0.gpm_graphics_util", MIG_GRAPHICS_UTIL_PERCENT).writeTo(layout.nvmlScenario(node));
  }

  private static NvmlScenario scenario(int nodeIndex) {
    NvmlScenario scenario = NvmlScenario.gpus(GPUS_PER_NODE);
    for (int gpu = 0; gpu < GPUS_PER_NODE; gpu++) {
      scenario.set(gpu, "gpu_util", gpuUtilPercent(nodeIndex, gpu));
    }
    return scenario;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = StackFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("test resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void writeExecutable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
