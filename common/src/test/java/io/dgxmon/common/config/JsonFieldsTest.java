package io.dgxmon.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Typed reads: good values, defaults, and every problem reported with its field path. */
class JsonFieldsTest {
  private static final Predicate<String> LOWER = Pattern.compile("[a-z]+").asMatchPredicate();
  private final ConfigProblems problems = new ConfigProblems();

  private JsonFields fields(String json) throws Exception {
    return new JsonFields(new ObjectMapper().readTree(json), "", problems);
  }

  @Test
  void goodValuesAreReadAndAbsentOrNullOnesGiveTheDefault() throws Exception {
    JsonFields f = fields("""
        {"s": "abc", "i": 7, "d": 0.25, "b": true, "l": ["x", "y"], "one": "z", "m": {"k": "v"}, "n": null}""");
    assertEquals("abc", f.string("s", "def", LOWER, "lower case"));
    assertEquals(7, f.integer("i", 0, 1, 10));
    assertEquals(0.25, f.number("d", 0, 0, 1));
    assertTrue(f.bool("b", false));
    assertEquals(List.of("x", "y"), f.strings("l", List.of(), LOWER, "lower case"));
    assertEquals(List.of("z"), f.oneOrMoreStrings("one", List.of(), LOWER, "lower case"));
    assertEquals(Map.of("k", "v"), f.stringMap("m", LOWER, "a key", LOWER, "a value"));
    assertEquals("def", f.string("n", "def"));
    assertEquals(3, f.integer("absent", 3, 1, 10));
    assertNull(f.object("absent2"));
    f.finish();
    assertTrue(problems.isEmpty(), problems.list().toString());
  }

  @Test
  void everyProblemIsReportedWithItsPathTheValueAndWhatWasExpected() throws Exception {
    JsonFields f = fields("""
        {"s": "ABC", "t": 5, "i": 0, "d": 2, "b": "yes", "l": ["x", 1, "Y"], "e": [], "m": {"K": "v", "k": 1},
         "o": {"port": 70000, "prot": 1}, "p": 3}""");
    assertEquals("def", f.string("s", "def", LOWER, "lower case"));
    assertEquals("def", f.string("t", "def"));
    assertEquals(1, f.integer("i", 1, 1, 10));
    assertEquals(0.5, f.number("d", 0.5, 0, 1));
    assertFalse(f.bool("b", false));
    assertEquals(List.of("x"), f.strings("l", List.of(), LOWER, "lower case"));
    assertEquals(List.of("q"), f.oneOrMoreStrings("e", List.of("q"), LOWER, "lower case"));
    assertEquals(Map.of(), f.stringMap("m", LOWER, "a lower-case key", LOWER, "a lower-case value"));
    JsonFields o = f.object("o");
    assertEquals(1, o.integer("port", 1, 1, 65535));
    o.finish();
    assertNull(f.object("p"));
    f.finish();
    assertEquals(List.of(
        "s: \"ABC\" is not lower case",
        "t: expected a string, got 5",
        "i: 0 is not an integer in [1, 10]",
        "d: 2 is not a number in [0.0, 1.0]",
        "b: expected true or false, got \"yes\"",
        "l[1]: 1 is not lower case",
        "l[2]: \"Y\" is not lower case",
        "e: expected a string or a non-empty list of strings, got []",
        "m.K: is not a lower-case key",
        "m.k: 1 is not a lower-case value",
        "o.port: 70000 is not an integer in [1, 65535]",
        "o.prot: unknown key (did you mean \"port\"?)",
        "p: expected an object, got 3"), problems.list());
  }

  @Test
  void unknownKeysGetTheNearestReadKeyAndNestedPathsAreDotted() throws Exception {
    JsonFields top = fields("{\"nodes\": {\"ssh\": {\"prot\": 22}}, \"clustr\": \"x\"}");
    top.string("cluster", "slurm");
    JsonFields ssh = top.object("nodes").object("ssh");
    ssh.integer("port", 22, 1, 65535);
    ssh.string("user", "root");
    ssh.finish();
    top.finish();
    assertEquals(List.of("nodes.ssh.prot: unknown key (did you mean \"port\"?)",
        "clustr: unknown key (did you mean \"cluster\"?)"), problems.list());
  }

  @Test
  void anObjectWithNoReadsReportsUnknownKeysWithoutAHint() throws Exception {
    JsonFields f = fields("{\"x\": 1}");
    f.finish();
    assertEquals(List.of("x: unknown key"), problems.list());
  }

  @Test
  void aSingleBadStringIsReportedWithoutAnIndex() throws Exception {
    JsonFields f = fields("{\"roles\": \"Bad Role\"}");
    assertEquals(List.of("d"), f.oneOrMoreStrings("roles", List.of("d"), LOWER, "a role"));
    assertEquals(List.of("roles: \"Bad Role\" is not a role"), problems.list());
  }

  @Test
  void onlyObjectsCanBeRead() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> fields("[]"));
    assertEquals("a.b", JsonFields.empty("a", problems).fieldPath("b"));
  }
}
