package io.dgxmon.rolemonitor.cmsh;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lines of one cmsh answer, read front to back: colour codes removed, blank lines and asynchronous
 * CMDaemon events dropped (cmsh may print them between any two lines), JSON arrays read whole.
 */
final class AnswerLines {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");
  /** Asynchronous CMDaemon events cmsh may interleave, e.g. "Mon Nov 3 ... [notice] head: ...". */
  private static final Pattern EVENT = Pattern.compile("\\[(notice|warning|info|alert)\\] \\S+: ");
  /** An inherited role row, {@code [category:dgx] slurmclient}: starts with {@code [} but is not JSON. */
  private static final Pattern PREFIXED_ROW = Pattern.compile("\\[[A-Za-z]+:[^\\]]+]\\s+\\S.*");

  private final List<String> lines;
  private int next;

  AnswerLines(String output) {
    String plain = output.indexOf('\u001b') < 0 ? output : ANSI.matcher(output).replaceAll("");
    lines = new ArrayList<>();
    for (String raw : plain.split("\r?\n", -1)) {
      String line = raw.stripTrailing();
      if (!line.isBlank() && !isEvent(line)) {
        lines.add(line);
      }
    }
  }

  private static boolean isEvent(String line) {
    return line.indexOf("] ") > 0 && EVENT.matcher(line).find();
  }

  boolean atEnd() {
    return next >= lines.size();
  }

  /** The next line, or null at the end. */
  String peek(int ahead) {
    return next + ahead < lines.size() ? lines.get(next + ahead) : null;
  }

  String take() {
    return lines.get(next++);
  }

  List<String> rest() {
    List<String> rest = List.copyOf(lines.subList(next, lines.size()));
    next = lines.size();
    return rest;
  }

  /** Whether the next line opens a JSON array ({@code list ... -d {}}), as opposed to an inherited role row. */
  boolean atJsonArray() {
    String line = peek(0);
    return line != null && line.startsWith("[") && !PREFIXED_ROW.matcher(line).matches();
  }

  /** Reads the JSON array that starts at the next line; what follows it on its last line must be blank. */
  JsonNode takeJsonArray(String what) throws CmshParseException {
    if (!atJsonArray()) {
      throw new CmshParseException(atEnd() ? "cmsh answer is incomplete: the " + what + " never came"
          : "unexpected cmsh output where the " + what + " (JSON) should start: " + FixedWidthTable.quote(peek(0)));
    }
    String text = String.join("\n", lines.subList(next, lines.size()));
    try (JsonParser parser = JSON.createParser(text)) {
      JsonNode array = JSON.readTree(parser);
      JsonLocation end = parser.currentLocation();
      int lastLine = next + end.getLineNr() - 1;
      String after = lines.get(lastLine).substring(Math.min(end.getColumnNr() - 1, lines.get(lastLine).length()));
      if (!after.isBlank()) {
        throw new CmshParseException(what + ": unexpected text after the JSON: " + FixedWidthTable.quote(after));
      }
      next = lastLine + 1;
      return array;
    } catch (IOException e) {
      String message = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
          : e.getMessage();
      throw new CmshParseException(what + ": not valid JSON (cut off or garbled?): " + message);
    }
  }
}
