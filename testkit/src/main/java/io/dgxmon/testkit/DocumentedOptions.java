package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command-line options a Markdown page documents, so that a test can hold a program's {@code --help} and its
 * page in step. Reads the first column of a Markdown table whichever way it is written: {@code `--key VALUE`},
 * {@code --key=value}, {@code `-h`, `--help`}, or a bare {@code `key`} when the column is headed "key" (a key that
 * is both a flag and a config file key). The standard {@code --help} and {@code --version} need no row.
 */
public final class DocumentedOptions {
  /** picocli's standard options, which every program has and no page needs to list. */
  public static final Set<String> STANDARD = Set.of("--help", "--version");

  private static final Pattern LONG_OPTION = Pattern.compile("--[A-Za-z0-9][A-Za-z0-9.-]*");
  private static final Pattern BARE_KEY = Pattern.compile("`([A-Za-z0-9][A-Za-z0-9.-]*)`");

  private DocumentedOptions() {}

  /**
   * The long options in the first column of the table on {@code page} whose header's first cell is
   * {@code firstHeader} (case-insensitive, e.g. "key" or "option").
   */
  public static Set<String> inTable(Path page, String firstHeader) {
    List<String> rows = tableRows(read(page), firstHeader);
    assertTrue(!rows.isEmpty(), page + " has no table whose first column is headed '" + firstHeader + "'");
    boolean bareKeys = firstHeader.equalsIgnoreCase("key");
    Set<String> options = new TreeSet<>();
    for (String row : rows) {
      options.addAll(optionsIn(firstCell(row), bareKeys));
    }
    return options;
  }

  /**
   * Like {@link #inTable(Path, String)}, for the first such table after the line of {@code page} that starts with
   * {@code heading} (a page with one options table per subcommand).
   */
  public static Set<String> inTableAfter(Path page, String heading, String firstHeader) {
    String text = read(page);
    int start = text.indexOf("\n" + heading);
    assertTrue(start >= 0, page + " has no line starting '" + heading + "'");
    List<String> rows = tableRows(text.substring(start), firstHeader);
    assertTrue(!rows.isEmpty(), page + " has no table headed '" + firstHeader + "' after '" + heading + "'");
    Set<String> options = new TreeSet<>();
    rows.forEach(row -> options.addAll(optionsIn(firstCell(row), false)));
    return options;
  }

  /** The long options named in the paragraph of {@code page} that starts with {@code opening}. */
  public static Set<String> inParagraph(Path page, String opening) {
    String text = read(page);
    int start = text.indexOf(opening);
    assertTrue(start >= 0, page + " has no paragraph starting '" + opening + "'");
    int end = text.indexOf("\n\n", start);
    return optionsIn(text.substring(start, end < 0 ? text.length() : end), false);
  }

  /** The long name of every option {@code --help} shows for {@code command} (a picocli {@code @Command} object). */
  public static Set<String> inHelp(Object command) {
    Set<String> options = new TreeSet<>();
    for (OptionSpec option : new CommandLine(command).getCommandSpec().options()) {
      if (!option.hidden()) {
        options.add(option.longestName());
      }
    }
    return options;
  }

  /** Fails naming every option that --help has and the page lacks, and every one the page has and --help lacks. */
  public static void assertInStep(Path page, Set<String> documented, Set<String> inHelp) {
    Set<String> undocumented = new TreeSet<>(inHelp);
    undocumented.removeAll(documented);
    undocumented.removeAll(STANDARD);
    Set<String> unknown = new TreeSet<>(documented);
    unknown.removeAll(inHelp);
    assertTrue(undocumented.isEmpty() && unknown.isEmpty(), page + " and --help disagree: in --help but not on the"
        + " page " + undocumented + "; on the page but not in --help " + unknown);
  }

  static List<String> tableRows(String markdown, String firstHeader) {
    List<String> rows = new ArrayList<>();
    boolean inTable = false;
    for (String line : markdown.split("\n")) {
      String trimmed = line.trim();
      if (!trimmed.startsWith("|")) {
        inTable = false;
      } else if (!inTable && firstCell(trimmed).equalsIgnoreCase(firstHeader) && rows.isEmpty()) {
        inTable = true;
      } else if (inTable && !trimmed.matches("\\|[\\s:|-]+")) {
        rows.add(trimmed);
      }
    }
    return rows;
  }

  static Set<String> optionsIn(String text, boolean bareKeys) {
    Set<String> options = new TreeSet<>();
    Matcher flag = LONG_OPTION.matcher(text);
    while (flag.find()) {
      options.add(flag.group());
    }
    if (bareKeys && options.isEmpty()) {
      Matcher key = BARE_KEY.matcher(text);
      while (key.find()) {
        options.add("--" + key.group(1));
      }
    }
    return options;
  }

  private static String firstCell(String row) {
    String[] cells = row.split("(?<!\\\\)\\|");
    return cells.length > 1 ? cells[1].trim() : "";
  }

  private static String read(Path page) {
    try {
      return Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + page, e);
    }
  }
}
