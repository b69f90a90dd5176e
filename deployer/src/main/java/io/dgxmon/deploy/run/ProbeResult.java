package io.dgxmon.deploy.run;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The parsed output of the preflight probe: host facts and the current state of every managed path. */
public record ProbeResult(
    boolean systemd,
    Boolean nvml,
    long freeKiB,
    Map<String, String> sha256,
    Map<String, String> stat,
    Map<String, String> trees,
    Map<String, String> links,
    Set<String> dirs) {

  private static final Pattern SHA = Pattern.compile("([0-9a-f]{64})  (/.*)");
  private static final Pattern STAT = Pattern.compile("stat (\\d+) (\\d+) (\\d+) (/.*)");

  public static ProbeResult parse(String output) {
    boolean systemd = false;
    Boolean nvml = null;
    long free = -1;
    Map<String, String> sha = new HashMap<>();
    Map<String, String> stat = new HashMap<>();
    Map<String, String> trees = new HashMap<>();
    Map<String, String> links = new HashMap<>();
    Set<String> dirs = new HashSet<>();
    for (String line : output.split("\n")) {
      Matcher m;
      if ((m = SHA.matcher(line)).matches()) {
        sha.put(m.group(2), m.group(1));
      } else if ((m = STAT.matcher(line)).matches()) {
        stat.put(m.group(4), octal(m.group(1)) + " " + m.group(2) + " " + m.group(3));
      } else if (line.startsWith("systemd ")) {
        systemd = line.endsWith(" yes");
      } else if (line.startsWith("nvml ")) {
        nvml = line.endsWith(" yes");
      } else if (line.startsWith("freekib ")) {
        free = freeKiB(line.substring(8).trim().split(" "));
      } else if (line.startsWith("tree ")) {
        String[] f = line.substring(5).split(" ", 2);
        trees.put(f[0], f.length > 1 ? f[1].trim() : "");
      } else if (line.startsWith("link ")) {
        String[] f = line.substring(5).split(" ", 2);
        links.put(f[0], f.length > 1 ? f[1] : "");
      } else if (line.startsWith("dir ")) {
        dirs.add(line.substring(4));
      }
    }
    return new ProbeResult(systemd, nvml, free, sha, stat, trees, links, dirs);
  }

  /** True when {@code path} already has this content, mode and root ownership. */
  public boolean fileMatches(String path, String sha256, String mode) {
    return sha256.equals(this.sha256.get(path)) && (octal(mode) + " 0 0").equals(stat.get(path));
  }

  private static String octal(String mode) {
    return Integer.toOctalString(Integer.parseInt(mode, 8));
  }

  /** "AVAILABLE_BLOCKS BLOCK_SIZE" (stat -f), or a number of KiB. */
  private static long freeKiB(String[] f) {
    long n = parseLong(f[0]);
    if (f.length < 2 || n < 0) {
      return n;
    }
    long blockSize = parseLong(f[1]);
    return blockSize <= 0 ? -1 : n > Long.MAX_VALUE / blockSize ? Long.MAX_VALUE / 1024 : n * blockSize / 1024;
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
