package io.dgxmon.testkit.cmsh;

import java.util.ArrayList;
import java.util.List;

/**
 * Behaviours of real cmsh that no public source pins down, one switch each, so code under test can be
 * run against every combination (reference: docs/reference/cmsh.md, "guesses").
 *
 * @param shellEscape what {@code !cmd} does inside {@code cmsh -c} (documented only at the interactive prompt)
 * @param emptyRoleList what {@code roles; list} prints for an object without roles
 * @param inheritedRoleRows whether a node's {@code roles; list} also shows {@code [category:x]}/{@code [overlay:y]} rows
 */
public record CmshVariants(ShellEscape shellEscape, EmptyRoleList emptyRoleList, InheritedRoleRows inheritedRoleRows) {
  /** {@code !cmd} in a {@code -c} script. */
  public enum ShellEscape {
    /** cmsh does not know the command: an error, and under {@code -q} the end of the run. */
    UNKNOWN_COMMAND,
    /** the shell runs the text up to the next {@code ;}, then cmsh carries on. */
    RUNS_TO_NEXT_SEMICOLON,
    /** the shell gets the whole rest of the script; cmsh runs nothing after it. */
    REST_OF_SCRIPT_TO_SHELL
  }

  /** {@code roles; list} for an object without roles. */
  public enum EmptyRoleList { HEADER_ONLY, NOTHING }

  /** Rows inherited from the category and overlays in a node's {@code roles; list}. */
  public enum InheritedRoleRows { SHOWN, HIDDEN }

  /** What the simulator did before these switches existed. */
  public static final CmshVariants DEFAULT = new CmshVariants(
      ShellEscape.RUNS_TO_NEXT_SEMICOLON, EmptyRoleList.HEADER_ONLY, InheritedRoleRows.SHOWN);

  /** Every combination (3 × 2 × 2), for parameterized tests. */
  public static List<CmshVariants> all() {
    List<CmshVariants> all = new ArrayList<>();
    for (ShellEscape shell : ShellEscape.values()) {
      for (EmptyRoleList empty : EmptyRoleList.values()) {
        for (InheritedRoleRows inherited : InheritedRoleRows.values()) {
          all.add(new CmshVariants(shell, empty, inherited));
        }
      }
    }
    return all;
  }

  @Override
  public String toString() {
    return "!cmd " + shellEscape + ", empty roles list " + emptyRoleList + ", inherited rows " + inheritedRoleRows;
  }
}
