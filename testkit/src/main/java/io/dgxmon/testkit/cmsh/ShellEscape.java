package io.dgxmon.testkit.cmsh;

import java.util.List;

/**
 * {@code !cmd} inside a {@code -c} script, as {@link CmshVariants.ShellEscape} says. The "shell" knows
 * {@code echo}; any other word is "not found", as {@code sh} would say when handed cmsh commands.
 */
final class ShellEscape {
  private ShellEscape() {}

  /**
   * Runs {@code statements.get(first)} (which starts with {@code !}); returns how many statements it consumed.
   */
  static int run(CmshSession session, CmshVariants.ShellEscape variant, List<String> statements, int first) {
    String statement = statements.get(first);
    return switch (variant) {
      case UNKNOWN_COMMAND -> throw new CmshError("Unknown command: " + statement.split("\\s+")[0]);
      case RUNS_TO_NEXT_SEMICOLON -> {
        shell(session, statement.substring(1));
        yield 1;
      }
      case REST_OF_SCRIPT_TO_SHELL -> {
        String rest = String.join("; ", statements.subList(first, statements.size())).substring(1);
        for (String command : CmshScript.statements(rest)) {
          shell(session, command);
        }
        yield statements.size() - first;
      }
    };
  }

  private static void shell(CmshSession session, String command) {
    String line = command.strip();
    if (line.equals("echo") || line.startsWith("echo ")) {
      session.print(line.substring(4).strip());
    } else {
      session.print("sh: 1: " + line.split("\\s+")[0] + ": not found");
    }
  }
}
