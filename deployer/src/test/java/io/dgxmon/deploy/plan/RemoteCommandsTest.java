package io.dgxmon.deploy.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that write files, run by a real /bin/sh against a temp dir (as they run on a target). */
class RemoteCommandsTest {
  @TempDir Path tmp;

  @Test
  void inlineWritesTextWithQuotesDollarsAndBackslashesExactly() throws Exception {
    String tricky = "a 'quoted' \"line\" with $HOME, `date`, \\n and %s\nsecond line\n";
    PutFile conf = new PutFile(tmp.resolve("etc/dgxmon/x.conf").toString(), Payload.of("x.conf", bytes(tricky)), "0644");
    PutFile script = new PutFile(tmp.resolve("bin/run.sh").toString(), Payload.of("run.sh", bytes("#!/bin/sh\n")), "0755");
    assertEquals(0, sh(RemoteCommands.writeInline(List.of(conf, script)), new byte[0]));
    assertEquals(tricky, Files.readString(Path.of(conf.path())));
    assertEquals("rw-r--r--", mode(conf.path()));
    assertEquals("rwxr-xr-x", mode(script.path()));
    assertFalse(Files.exists(Path.of(conf.path() + RemoteCommands.NEW)));
  }

  @Test
  void onlySmallUtf8TextWithoutNulGoesInline() {
    assertTrue(RemoteCommands.inlineText(file(bytes("text\n"))).isPresent());
    assertTrue(RemoteCommands.inlineText(file(new byte[] {'a', 0, 'b'})).isEmpty());
    assertTrue(RemoteCommands.inlineText(file(new byte[] {(byte) 0xff, (byte) 0xfe})).isEmpty());
    assertTrue(RemoteCommands.inlineText(file(new byte[RemoteCommands.INLINE_MAX_BYTES + 1])).isEmpty());
  }

  @Test
  void receivedFileLandsWithModeOnlyWhenEveryByteArrived() throws Exception {
    Path dest = tmp.resolve("opt/lib/app.jar");
    byte[] content = new byte[200_000];
    new java.util.Random(3).nextBytes(content);
    PutFile f = new PutFile(dest.toString(), Payload.of("app.jar", content), "0644");

    byte[] truncated = java.util.Arrays.copyOf(content, 150_000);
    assertNotEquals(0, sh(RemoteCommands.receive(f), truncated));
    assertFalse(Files.exists(dest), "a short stream must not land");
    assertFalse(Files.exists(Path.of(dest + RemoteCommands.NEW)), "nor leave its temp file");

    assertEquals(0, sh(RemoteCommands.receive(f), content));
    assertTrue(java.util.Arrays.equals(content, Files.readAllBytes(dest)));
    assertEquals("rw-r--r--", mode(dest.toString()));
  }

  private static PutFile file(byte[] content) {
    return new PutFile("/etc/x", Payload.of("x", content), "0644");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String mode(String path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path)));
  }

  private static int sh(String command, byte[] stdin) throws Exception {
    Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // The command may stop reading early; its exit status is what counts.
    }
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sh did not finish: " + command);
    }
    return p.exitValue();
  }
}
