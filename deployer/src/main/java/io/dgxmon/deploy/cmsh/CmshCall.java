package io.dgxmon.deploy.cmsh;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One cmsh invocation of the deployer or the wizard, and the only place that builds cmsh command lines: always
 * {@code --color=no} (colour is on by default, ADM11 §2.5.1) and {@code -q} (stop at the first error, so a failed
 * {@code use} never lets later commands run against the wrong object). Answers are still read tolerantly
 * ({@code CmshAnswerText}): a {@code .cmshrc} may turn colour back on, and events may come between lines.
 *
 * @param cmsh path of the cmsh binary on the host that runs it
 * @param script the {@code ;}-separated commands given to {@code -c}
 */
public record CmshCall(String cmsh, String script) {
  /** The options every call carries, before {@code -c}. */
  public static final List<String> OPTIONS = List.of("--color=no", "-q");

  /** The argument vector, for running cmsh as a local process. */
  public List<String> argv() {
    return java.util.stream.Stream.of(List.of(cmsh), OPTIONS, List.of("-c", script))
        .flatMap(List::stream).toList();
  }

  /** The shell command line, for running it through a remote shell (each word single-quoted where needed). */
  public String commandLine() {
    return argv().stream().map(CmshCall::shellWord).collect(Collectors.joining(" "));
  }

  private static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_./=+-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }
}
