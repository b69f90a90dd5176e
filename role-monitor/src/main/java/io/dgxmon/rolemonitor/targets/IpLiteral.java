package io.dgxmon.rolemonitor.targets;

import java.util.regex.Pattern;

/**
 * Strict IP address literals, checked as text only (never a DNS lookup): an IP cell from cmsh becomes the host part
 * of a Prometheus target, so anything else ({@code 10.0.0.1:22/metrics?x=}, {@code a:9999,10.0.0.2}) must not pass.
 */
public final class IpLiteral {
  /** Dotted-quad IPv4, each part 0-255 without leading zeros (which some parsers read as octal). */
  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");

  private IpLiteral() {}

  public static boolean isIpv4(String text) {
    return IPV4.matcher(text).matches();
  }

  /** RFC 4291 text form: eight groups, one {@code ::}, an optional dotted-quad tail; no zone ({@code %eth0}). */
  public static boolean isIpv6(String text) {
    int gap = text.indexOf("::");
    if (gap != text.lastIndexOf("::") || text.contains(":::")) {
      return false;
    }
    if (gap < 0) {
      return groups(text, true) == 8;
    }
    int head = gap == 0 ? 0 : groups(text.substring(0, gap), false);
    int tail = gap + 2 == text.length() ? 0 : groups(text.substring(gap + 2), true);
    return head >= 0 && tail >= 0 && head + tail <= 7;
  }

  public static boolean isIp(String text) {
    return isIpv4(text) || isIpv6(text);
  }

  /** {@code host:port}, with an IPv6 literal in brackets as Prometheus expects. */
  public static String hostPort(String host, int port) {
    return (isIpv6(host) ? "[" + host + "]" : host) + ":" + port;
  }

  /** Counts the 16-bit groups of a colon-separated run (an IPv4 tail counts two), or -1 if one is malformed. */
  private static int groups(String run, boolean ipv4TailAllowed) {
    String[] parts = run.split(":", -1);
    int count = 0;
    for (int i = 0; i < parts.length; i++) {
      if (ipv4TailAllowed && i == parts.length - 1 && isIpv4(parts[i])) {
        count += 2;
      } else if (HEX_GROUP.matcher(parts[i]).matches()) {
        count++;
      } else {
        return -1;
      }
    }
    return count;
  }
}
