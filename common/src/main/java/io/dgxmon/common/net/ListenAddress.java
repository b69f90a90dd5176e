package io.dgxmon.common.net;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an HTTP listener binds: {@code [host]:port}, written the Prometheus way ({@code :9400},
 * {@code 127.0.0.1:9400}, {@code [::1]:9400}), or {@link #OFF}. An empty host means every local address. Every dgxmon
 * listener (three exporter profiles, the role monitor's {@code /metrics}) is parsed, shown and rendered through here,
 * so "off" is spelt and represented one way: {@link Optional#empty()}.
 */
public record ListenAddress(String host, int port) {
  /** The text that turns a listener off. */
  public static final String OFF = "off";
  /** What a valid value looks like, for error messages. */
  public static final String EXPECTED = "[host]:port (IPv6 as [::1]:port, port 0-65535) or " + OFF;
  private static final Pattern FORM = Pattern.compile("(\\[[0-9A-Fa-f:.%]+]|[A-Za-z0-9._-]*):(\\d{1,5})");

  public ListenAddress {
    if (host == null || host.contains("[") || host.contains("]")) {
      throw new IllegalArgumentException("host must be a name or an address without brackets, got " + host);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
  }

  /** {@code :port}: every local address. */
  public static ListenAddress onPort(int port) {
    return new ListenAddress("", port);
  }

  /**
   * Parses {@code [host]:port} or {@code off} (empty).
   *
   * @throws IllegalArgumentException naming the value and what was expected
   */
  public static Optional<ListenAddress> parse(String text) {
    String value = text.trim();
    if (value.equalsIgnoreCase(OFF)) {
      return Optional.empty();
    }
    Matcher m = FORM.matcher(value);
    if (!m.matches() || Integer.parseInt(m.group(2)) > 65535) {
      throw new IllegalArgumentException("\"" + text + "\" is not " + EXPECTED);
    }
    String host = m.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    return Optional.of(new ListenAddress(host, Integer.parseInt(m.group(2))));
  }

  /** Whether {@link #parse} accepts {@code text}. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The config text of an optional address: {@code off} when empty. */
  public static String text(Optional<ListenAddress> address) {
    return address.map(ListenAddress::toString).orElse(OFF);
  }

  /** The same host with the port a listener actually got (useful after binding port 0). */
  public ListenAddress withPort(int boundPort) {
    return new ListenAddress(host, boundPort);
  }

  /** Whether the listener binds every local address (no host to hand to the server). */
  public boolean bindsEveryAddress() {
    return host.isEmpty();
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
