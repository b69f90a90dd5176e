package io.dgxmon.report.prom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTest {
  @Test
  void valuesBecomeLiteralAlternativesOfOneQuotedRegex() {
    assertEquals("\"dgx-01|dgx\\\\.b\\\\.example\"", PromQl.anyOf(List.of("dgx-01", "dgx.b.example")));
  }

  @Test
  void quotesAndBackslashesCannotEndTheString() {
    assertEquals("\"a\\\"} or vector(1) \\\\\"", PromQl.quote("a\"} or vector(1) \\"));
  }
}
