package io.dgxmon.e2e.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line systemd would run for an installed unit, taken from its {@code ExecStart=}, with every absolute
 * path moved under the install root, so a test runs the installed runtime, jar and config exactly as the unit does
 * (JVM flags included) without systemd and without a chroot.
 */
public final class InstalledUnit {
  private InstalledUnit() {}

  /** The ExecStart command of {@code root/etc/systemd/system/<unit>}, paths under {@code root}. */
  public static List<String> command(Path root, String unit) throws IOException {
    Path file = root.resolve("etc/systemd/system").resolve(unit);
    return underRoot(root, execStart(Files.readString(file), file.toString()));
  }

  /** The words of the (single) ExecStart= line, continuation lines joined. */
  static List<String> execStart(String unitText, String what) {
    String joined = unitText.replace("\\\n", " ");
    List<String> lines = joined.lines().map(String::strip).filter(l -> l.startsWith("ExecStart=")).toList();
    if (lines.size() != 1) {
      throw new IllegalArgumentException(what + ": expected one ExecStart= line, found " + lines.size());
    }
    String command = lines.get(0).substring("ExecStart=".length()).strip();
    if (command.isEmpty() || command.contains("\"") || command.contains("'") || command.contains("%")) {
      // Quoting and specifiers would need systemd's parser; our units use neither.
      throw new IllegalArgumentException(what + ": ExecStart uses quotes or specifiers: " + command);
    }
    return List.of(command.split("\\s+"));
  }

  /** "/x" becomes "root/x", and so does the value of "-Dname=/x" or "--flag=/x". */
  static List<String> underRoot(Path root, List<String> words) {
    List<String> out = new ArrayList<>();
    for (String word : words) {
      int eq = word.indexOf("=/");
      if (word.startsWith("/")) {
        out.add(join(root, word));
      } else if (word.startsWith("-") && eq > 0) {
        out.add(word.substring(0, eq + 1) + join(root, word.substring(eq + 1)));
      } else {
        out.add(word);
      }
    }
    return out;
  }

  private static String join(Path root, String absolute) {
    return root.resolve(absolute.substring(1)).toString();
  }
}
