package io.dgxmon.deploy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.testkit.ProcessResult;
import io.dgxmon.testkit.Processes;
import io.dgxmon.testkit.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command that creates the exporter's system user, run by a real /bin/sh and the real useradd against a temp
 * "software image" (useradd --root chroots, so this needs root, as CI is; elsewhere it is skipped).
 */
class SystemUserCommandTest {
  @TempDir Path tmp;

  @Test
  void createsTheUserInAnImageOnceAndThenSaysItExists() throws Exception {
    requireRoot();
    RequiredTool.require("useradd", "passwd");
    Path image = minimalImage(tmp.resolve("image"));
    String command = RemoteCommands.createSystemUser("dgxmon", image.toString());

    assertEquals(new ProcessResult(0, "user dgxmon created\n", ""), sh(command));
    String entry = Files.readAllLines(image.resolve("etc/passwd")).stream().filter(l -> l.startsWith("dgxmon:"))
        .findFirst().orElseThrow();
    String[] fields = entry.split(":");
    assertTrue(Integer.parseInt(fields[2]) < 1000, "a system uid: " + entry);
    assertEquals(List.of("/nonexistent", "/usr/sbin/nologin"), List.of(fields[5], fields[6]));
    assertTrue(Files.readString(image.resolve("etc/group")).contains("\ndgxmon:x:" + fields[3] + ":"), "own group");
    assertTrue(!Files.exists(image.resolve("nonexistent")), "no home created");

    assertEquals(new ProcessResult(0, "user dgxmon exists\n", ""), sh(command));
    assertEquals(1, Files.readAllLines(image.resolve("etc/passwd")).stream().filter(l -> l.startsWith("dgxmon:"))
        .count());
  }

  @Test
  void leavesARootWithoutPasswdAloneAndSaysSo() throws Exception {
    Path bare = Files.createDirectories(tmp.resolve("bare"));
    ProcessResult result = sh(RemoteCommands.createSystemUser("dgxmon", bare.toString()));
    assertEquals(new ProcessResult(0, "no " + bare + "/etc/passwd: user dgxmon not created\n", ""), result);
    assertEquals(List.of(), List.of(bare.toFile().list()));
  }

  @Test
  void underRootSlashAnExistingUserIsFoundThroughGetent() {
    // root exists on every host: the command must see it and not call useradd.
    ProcessResult result = sh(RemoteCommands.createSystemUser("root", "/"));
    assertEquals(new ProcessResult(0, "user root exists\n", ""), result);
  }

  /** The files useradd --root reads and writes, as an OS image has them. */
  private static Path minimalImage(Path root) throws Exception {
    Path etc = Files.createDirectories(root.resolve("etc"));
    Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n");
    Files.writeString(etc.resolve("group"), "root:x:0:\n");
    Files.writeString(etc.resolve("shadow"), "root:*:19000:0:99999:7:::\n");
    Files.writeString(etc.resolve("gshadow"), "root:*::\n");
    Path nologin = Files.createDirectories(root.resolve("usr/sbin")).resolve("nologin");
    Files.writeString(nologin, "#!/bin/sh\nexit 1\n");
    assertTrue(nologin.toFile().setExecutable(true, false));
    return root;
  }

  private static ProcessResult sh(String command) {
    return Processes.run(Duration.ofSeconds(30), "/bin/sh", "-c", command);
  }

  private static void requireRoot() throws Exception {
    boolean root = Files.readString(Path.of("/proc/self/status")).lines()
        .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*"));
    if (!root) {
      if (RequiredTool.isCi()) {
        throw new AssertionError("useradd --root needs root; CI runs the tests as root");
      }
      Assumptions.abort("useradd --root needs root");
    }
  }
}
