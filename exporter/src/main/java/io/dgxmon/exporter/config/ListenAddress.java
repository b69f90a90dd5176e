package io.dgxmon.exporter.config;

import java.util.Optional;

/** A listener's {@code [host]:port}; an empty host means every local address. */
public record ListenAddress(String host, int port) {

  public ListenAddress {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
  }

  /**
   * Parses {@code [host]:port} ({@code :9306}, {@code 127.0.0.1:9306}, {@code [::1]:9306}) or {@code off} (empty).
   *
   * @throws IllegalArgumentException with a message that says what was expected
   */
  public static Optional<ListenAddress> parse(String text) {
    String value = text.trim();
    if (value.equalsIgnoreCase("off")) {
      return Optional.empty();
    }
    int colon = value.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("expected [host]:port or off, got '" + text + "'");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException("an IPv6 host needs brackets, e.g. [::1]:9306; got '" + text + "'");
    }
    String port = value.substring(colon + 1);
    if (port.isEmpty() || !port.chars().allMatch(Character::isDigit) || port.length() > 5) {
      throw new IllegalArgumentException("expected a port number 0-65535 after ':', got '" + text + "'");
    }
    return Optional.of(new ListenAddress(host, Integer.parseInt(port)));
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
