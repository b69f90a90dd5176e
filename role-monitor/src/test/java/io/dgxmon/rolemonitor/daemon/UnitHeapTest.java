package io.dgxmon.rolemonitor.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.rolemonitor.RoleMonitorCommand;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cmsh printing hundreds of MiB costs a failed cycle, not the process: run under the unit's own heap limit. */
class UnitHeapTest {
  @TempDir Path dir;

  @Test
  void a200MiBAnswerFailsTheCycleInsideTheUnitsHeap() throws Exception {
    String unit = Files.readString(Path.of("..", "systemd", "dgxmon-role-monitor.service"));
    Matcher xmx = Pattern.compile("-Xmx\\S+").matcher(unit);
    assertTrue(xmx.find(), "the unit sets no -Xmx");
    SimulatedHeadNode head = new SimulatedHeadNode(dir);
    head.set("cmsh", "[\"/bin/sh\", \"-c\", \"yes | head -c 209715200\", \"sh\"]");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, xmx.group(), "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError",
        "-cp", System.getProperty("java.class.path"), RoleMonitorCommand.class.getName(),
        "--once", "--config", head.configFile.toString()).redirectErrorStream(true).start();
    byte[] output = child.getInputStream().readAllBytes();
    assertTrue(child.waitFor(120, TimeUnit.SECONDS));
    String text = new String(output, StandardCharsets.UTF_8);
    assertEquals(1, child.exitValue(), "1 is a failed cycle; 3 would be the JVM's OutOfMemoryError exit:\n" + text);
    assertTrue(text.contains("cmsh printed more than 64 MiB (cmshMaxOutputMiB)"), text);
  }
}
