package io.dgxmon.deploy.cmsh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCmshTest {
  @TempDir Path tmp;

  private Path script(String dir, String body) throws Exception {
    Path cmsh = Files.createDirectories(tmp.resolve(dir)).resolve("cmsh");
    Files.writeString(cmsh, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(cmsh, PosixFilePermissions.fromString("rwxr-xr-x"));
    return cmsh;
  }

  @Test
  void foundOnPathInOrderAndOnlyWhenExecutable() throws Exception {
    Files.writeString(Files.createDirectories(tmp.resolve("a")).resolve("cmsh"), "not executable");
    Path b = script("b", "exit 0");
    assertEquals(Optional.of(b), LocalCmsh.find(tmp.resolve("a") + ":" + tmp.resolve("b")));
    assertEquals(Files.isExecutable(Path.of(LocalCmsh.BCM_PATH)), LocalCmsh.find(tmp.resolve("a").toString())
        .isPresent(), "nothing on PATH: only BCM's own path");
  }

  @Test
  void runsWithItsArgumentsAndRefusesAFailureOrAHang() throws Exception {
    Path echo = script("echo", "printf '%s|' \"$@\"");
    assertEquals("--color=no|-q|-c|wlm; list|",
        new LocalCmsh(Duration.ofSeconds(10)).run(new CmshCall(echo.toString(), "wlm; list")));
    Path failing = script("fail", "echo 'Unable to connect to CMDaemon'; exit 1");
    var e = assertThrows(java.io.IOException.class,
        () -> new LocalCmsh(Duration.ofSeconds(10)).run(new CmshCall(failing.toString(), "wlm; list")));
    assertEquals("cmsh exited 1 for 'wlm; list': Unable to connect to CMDaemon", e.getMessage());
    Path hanging = script("hang", "exec sleep 30");
    var t = assertThrows(java.io.IOException.class,
        () -> new LocalCmsh(Duration.ofSeconds(1)).run(new CmshCall(hanging.toString(), "wlm; list")));
    assertTrue(t.getMessage().startsWith("cmsh did not answer within 1 s"), t.getMessage());
  }
}
