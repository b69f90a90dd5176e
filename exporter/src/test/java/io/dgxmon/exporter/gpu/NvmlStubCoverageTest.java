package io.dgxmon.exporter.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.RequiredTool;
import io.dgxmon.testkit.nvml.NvmlStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every NVML function the exporter's code calls must exist in the stub: a missing one kills the JVM with exit 127
 * ("symbol lookup error"), not with an exception a test could report.
 */
class NvmlStubCoverageTest {
  private static final Pattern CALL = Pattern.compile("\\bnvml\\.(nvml[A-Z]\\w*)\\(");

  @Test
  void stubDefinesEveryNvmlFunctionTheExporterCalls(@TempDir Path dir) throws Exception {
    Set<String> called = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/dgxmon/exporter/gpu"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = CALL.matcher(Files.readString(file));
        while (m.find()) {
          called.add(m.group(1));
        }
      }
    }
    assertTrue(called.size() > 30, "found the NVML calls: " + called);
    Path library = NvmlStub.build(dir);
    String nm = RequiredTool.require("nm", "binutils").toString();
    Process process = new ProcessBuilder(nm, "-D", "--defined-only", library.toString()).start();
    String symbols = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor());
    Set<String> defined = new TreeSet<>();
    symbols.lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).forEach(defined::add);
    Set<String> missing = new TreeSet<>(called);
    missing.removeAll(defined);
    assertEquals(Set.of(), missing, "NVML functions the stub lacks");
  }
}
