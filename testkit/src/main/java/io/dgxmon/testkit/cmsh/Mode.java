package io.dgxmon.testkit.cmsh;

import java.util.List;

/** One cmsh mode ({@code device}, {@code category}, ...): its objects and its commands. */
interface Mode {
  /** The word that enters the mode. */
  String name();

  /** Names of the objects {@code use} and {@code foreach} accept, in listing order. */
  List<String> objects(ClusterState state);

  /** Objects picked by {@code foreach} options ({@code -t}, {@code -c}, ...); default: none supported. */
  default List<String> select(ClusterState state, CommandOptions options) {
    throw new CmshError("foreach: no selection options in " + name() + " mode");
  }

  /** Runs {@code command} (not one of the session's common commands); false if the mode does not know it. */
  boolean run(CmshSession session, String command, List<String> args);

  /** Role names assigned directly to {@code object} (for the roles submode); null if it has no roles. */
  default List<String> roles(ClusterState state, String object) {
    return null;
  }

  /** Rows of {@code roles; list} for {@code object}. */
  default List<String> roleRows(ClusterState state, String object) {
    return roles(state, object).stream().sorted().toList();
  }
}
