package io.dgxmon.exporter.check;

/**
 * One line of {@code --check}'s output: a stable prefix the deployer summarises ({@code OK}, {@code WARN},
 * {@code FAIL}, {@code INFO}), the topic, the text: {@code WARN cgroup: root /sys/fs/cgroup does not exist}.
 */
public record CheckLine(Level level, String topic, String text) {

  /** FAIL: the service would not start or serve; WARN: it would, with less; OK and INFO: as expected, facts. */
  public enum Level { OK, WARN, FAIL, INFO }

  static CheckLine ok(String topic, String text) {
    return new CheckLine(Level.OK, topic, text);
  }

  static CheckLine warn(String topic, String text) {
    return new CheckLine(Level.WARN, topic, text);
  }

  static CheckLine fail(String topic, String text) {
    return new CheckLine(Level.FAIL, topic, text);
  }

  static CheckLine info(String topic, String text) {
    return new CheckLine(Level.INFO, topic, text);
  }

  /** {@code "WARN cgroup: ..."}, the prefix padded to four characters. */
  public String render() {
    return String.format("%-4s %s: %s", level, topic, text);
  }
}
