package io.dgxmon.rolemonitor.cmsh;

import java.util.List;
import java.util.Set;

/**
 * What {@code roles; list} printed for one node or category: the rows without a source prefix (roles
 * assigned to that object itself), the prefixed rows ({@code category:dgx slurmclient}), and the form of
 * the listing, which for an object without roles is not documented (header only, or nothing at all).
 */
public record RoleListing(Set<String> direct, List<String> inherited, Form form) {
  /** How the listing looked. */
  public enum Form { ROWS, HEADER_ONLY, NOTHING }

  public RoleListing {
    direct = Set.copyOf(direct);
    inherited = List.copyOf(inherited);
  }

  /** A listing of direct roles only (tests, hand-made snapshots). */
  public static RoleListing of(String... direct) {
    return new RoleListing(Set.of(direct), List.of(), direct.length == 0 ? Form.HEADER_ONLY : Form.ROWS);
  }
}
