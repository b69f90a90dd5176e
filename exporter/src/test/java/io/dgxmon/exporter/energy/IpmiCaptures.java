package io.dgxmon.exporter.energy;

import io.dgxmon.testkit.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The shared captures of real {@code ipmitool dcmi power reading} / {@code ipmi-dcmi} output (energy/ipmi/, each with
 * its source), and fake tools that print them.
 */
public final class IpmiCaptures {
  private static final String BODY_MARK = "# ---- everything after this line is the captured output";

  private IpmiCaptures() {}

  /** The captured bytes after the header block, byte for byte. */
  static String body(String name) {
    try {
      String text = Files.readString(SharedFixtures.require("energy/ipmi/" + name), StandardCharsets.UTF_8);
      int mark = text.indexOf(BODY_MARK);
      if (mark < 0) {
        throw new IllegalStateException(name + " has no body mark");
      }
      return text.substring(text.indexOf('\n', mark) + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An executable {@code dir/name} running {@code script} (a POSIX sh body), mode 0755. */
  static Path fakeTool(Path dir, String name, String script) throws IOException {
    Path tool = dir.resolve(name);
    Files.writeString(tool, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
    return tool;
  }

  /** A fake tool that prints capture {@code name} and exits with {@code exit}. */
  public static Path printing(Path dir, String name, int exit) throws IOException {
    Path body = dir.resolve(name + ".body");
    Files.writeString(body, body(name));
    return fakeTool(dir, "tool-" + name, "cat '" + body + "'\nexit " + exit);
  }
}
