package io.dgxmon.rolemonitor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgxmon.rolemonitor.RoleMonitorCommand;
import io.dgxmon.rolemonitor.cmsh.CmshQuery;
import io.dgxmon.rolemonitor.config.ConfigLoader;
import io.dgxmon.testkit.cmsh.CmshSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole {@code --once} cycles of the real program in a child JVM with the unit's own JVM flags (its {@code -Xmx}
 * above all), on a simulated cluster whose cmsh answer is rendered beforehand and printed by {@code cat}, so the
 * figures are the monitor's: wall time and peak RSS (VmHWM) of a first cycle (every file written) and of an unchanged
 * one, and whether each fits the heap (exit 0; 3 would be the JVM's OutOfMemoryError). Run from role-monitor/.
 * Args: [nodes] (default 50000).
 */
public final class UnitCycleBench {
  private static final Pattern JVM_FLAG = Pattern.compile("-X\\S+");

  private UnitCycleBench() {}

  public static void main(String[] args) throws Exception {
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
    Path work = Files.createTempDirectory("unit-cycle-bench");
    Path answer = work.resolve("cmsh-answer.txt");
    Path config = work.resolve("role-monitor.json");
    Files.writeString(config, new ObjectMapper().writeValueAsString(Map.of(
        "cmsh", List.of("/bin/sh", "-c", "exec cat \"$0\"", answer.toString()),
        "targetsDir", work.resolve("targets").toString(), "metricsListenAddress", "off")));
    String output = CmshSimulator.run(RoleMonitorCycleBench.cluster(nodes),
        CmshQuery.script(ConfigLoader.load(config).nodeTypes()), true).output();
    Files.writeString(answer, output);
    List<String> flags = unitJvmFlags();
    System.out.printf("%d physical nodes, cmsh answer %.1f MiB; JVM flags of the unit: %s%n", nodes,
        Files.size(answer) / 1048576.0, flags);
    for (String cycle : List.of("first cycle (every file written)", "unchanged cycle")) {
      run(cycle, flags, config);
    }
  }

  private static void run(String cycle, List<String> flags, Path config) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(flags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), RoleMonitorCommand.class.getName(),
        "--once", "--config", config.toString()));
    long t0 = System.nanoTime();
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long peakKib = 0;
    while (child.isAlive()) {
      peakKib = Math.max(peakKib, hwmKib(child.pid()));
      Thread.sleep(20);
    }
    System.out.printf("%s: exit %d, %.1f s wall, peak RSS %.0f MiB%n", cycle, child.exitValue(),
        (System.nanoTime() - t0) / 1e9, peakKib / 1024.0);
  }

  /** The unit's -X flags (heap, GC, JIT), read from the unit file this checkout ships. */
  private static List<String> unitJvmFlags() throws Exception {
    String unit = Files.readString(Path.of("..", "systemd", "dgxmon-role-monitor.service"));
    List<String> flags = new ArrayList<>();
    Matcher m = JVM_FLAG.matcher(unit);
    while (m.find()) {
      flags.add(m.group());
    }
    return flags;
  }

  private static long hwmKib(long pid) {
    try {
      return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
          .filter(l -> l.startsWith("VmHWM:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst()
          .orElse(0);
    } catch (Exception gone) {
      return 0; // exited between the check and the read
    }
  }
}
