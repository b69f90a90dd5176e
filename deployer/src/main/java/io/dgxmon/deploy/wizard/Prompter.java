package io.dgxmon.deploy.wizard;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Function;

/** Asks one question at a time with a default, re-asking until the answer validates. */
final class Prompter {
  private final BufferedReader in;
  private final PrintWriter out;

  Prompter(BufferedReader in, PrintWriter out) {
    this.in = in;
    this.out = out;
  }

  /** {@code check} returns null for a good answer, else the problem; an empty answer takes the default. */
  String ask(String question, String def, Function<String, String> check) throws IOException {
    while (true) {
      out.print(question + (def.isEmpty() ? "" : " [" + def + "]") + ": ");
      out.flush();
      String line = in.readLine();
      if (line == null) {
        throw new IOException("input ended before the wizard finished (question: " + question + ")");
      }
      String answer = line.trim().isEmpty() ? def : line.trim();
      String problem = check.apply(answer);
      if (problem == null) {
        return answer;
      }
      out.println("  " + problem);
    }
  }

  /** A secret: read from the terminal without echo when there is one, else one line of input; never printed. */
  char[] secret(String question) throws IOException {
    Console console = System.console();
    if (console != null) {
      char[] answer = console.readPassword("%s: ", question);
      if (answer != null) {
        return answer;
      }
    } else {
      out.print(question + ": ");
      out.flush();
      String line = in.readLine();
      if (line != null) {
        return line.toCharArray();
      }
    }
    throw new IOException("input ended before the wizard finished (question: " + question + ")");
  }

  boolean yesNo(String question, boolean def) throws IOException {
    String a = ask(question + (def ? " (Y/n)" : " (y/N)"), "", s -> s.isEmpty() || s.matches("(?i)y|yes|n|no")
        ? null : "answer y or n");
    return a.isEmpty() ? def : a.toLowerCase(java.util.Locale.ROOT).startsWith("y");
  }

  void say(String text) {
    out.println(text);
    out.flush();
  }
}
