package io.dgxmon.common.config;

import java.util.List;

/**
 * A configuration a program refuses. The message names the source (a file, or the command line) and lists every
 * problem, each as {@code <field path>: <what is wrong>}; the programs print it and exit with
 * {@link io.dgxmon.common.cli.ExitCodes#USAGE}.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(source + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
