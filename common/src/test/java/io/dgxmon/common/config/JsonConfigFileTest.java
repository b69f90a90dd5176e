package io.dgxmon.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonConfigFileTest {
  @TempDir Path dir;

  record Settings(String name, int port) {}

  static final Function<JsonFields, Settings> READER = f -> new Settings(
      f.string("name", "x"), f.integer("port", 1, 1, 65535));

  private static List<String> problems(String json) {
    return assertThrows(ConfigException.class, () -> JsonConfigFile.parse("c.json", json, READER)).problems();
  }

  @Test
  void readsAnObjectWithDefaultsForWhatIsAbsent() throws Exception {
    assertEquals(new Settings("a", 1), JsonConfigFile.parse("c.json", "{\"name\": \"a\"}", READER));
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"port\": 2}");
    assertEquals(new Settings("x", 2), JsonConfigFile.read(file, READER));
  }

  @Test
  void reportsEveryProblemAtOnceWithFieldPathsAndHints() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> JsonConfigFile.parse("c.json", "{\"name\": 1, \"port\": 0, \"prot\": 3}", READER));
    assertEquals("c.json: 3 problem(s):\n  name: expected a string, got 1\n  port: 0 is not an integer in [1, 65535]"
        + "\n  prot: unknown key (did you mean \"port\"?)", e.getMessage());
  }

  @Test
  void isStrictAboutTheJsonItself() {
    assertEquals(List.of("line 1, column 21: not valid JSON: Duplicate field 'name'"),
        problems("{\"name\": \"a\", \"name\": \"b\"}"));
    assertEquals("line 1, column 4: not valid JSON: ", problems("{} {}").get(0).substring(0, 34));
    assertEquals(List.of("(top level): expected a JSON object, got ARRAY"), problems("[]"));
    assertEquals(List.of("(top level): empty; expected a JSON object ({} for all defaults)"), problems(" "));
    assertEquals("line 2, column 12: not valid JSON: ", problems("{\n  \"name\": x}").get(0).substring(0, 35));
  }

  @Test
  void aMissingFileIsOneClearProblem() throws IOException {
    Path missing = dir.resolve("nope.json");
    ConfigException e = assertThrows(ConfigException.class, () -> JsonConfigFile.read(missing, READER));
    assertEquals(missing + ": 1 problem(s):\n  no such file", e.getMessage());
  }

  @Test
  void canLeaveFieldProblemsToTheCallerToReportWithItsOwn() throws Exception {
    Path file = dir.resolve("c.json");
    Files.writeString(file, "{\"name\": [], \"other\": 1}");
    ConfigProblems problems = new ConfigProblems();
    problems.add("--flag", "bad");
    Settings s = JsonConfigFile.read(file, problems, READER);
    assertEquals(new Settings("x", 1), s);
    assertEquals(List.of("--flag: bad", "name: expected a string, got []",
        "other: unknown key (did you mean \"name\"?)"),
        problems.list());
  }
}
