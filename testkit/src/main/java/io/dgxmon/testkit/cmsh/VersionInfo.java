package io.dgxmon.testkit.cmsh;

/**
 * {@code main; versioninfo}. The layout (a key/value table under a "Version Information" header) and the
 * version strings are a guess [G]: no public sample was found.
 */
final class VersionInfo {
  private VersionInfo() {}

  static String text(ClusterState state) {
    boolean bcm11 = state.profile.equals("bcm11");
    Table table = new Table(java.util.List.of(Table.Column.fixed("Version Information", 24),
        Table.Column.fixed("", 52)));
    table.add(java.util.List.of("Cluster Manager", bcm11 ? "11.25.08" : "10.23.12"))
        .add(java.util.List.of("CMDaemon", bcm11 ? "3.1" : "3.0"))
        .add(java.util.List.of("CMDaemon Build Index", bcm11 ? "163211" : "154024"))
        .add(java.util.List.of("Database Version", bcm11 ? "36522" : "36207"));
    return table.render(null);
  }
}
