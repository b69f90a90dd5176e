package io.dgxmon.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueryArgumentsTest {
  @Test
  void jobIdsAreDigitsOrASluid() throws Exception {
    assertEquals("4242", QueryArguments.jobId("4242"));
    assertEquals("s0123456789ABC", QueryArguments.jobId("s0123456789ABC"));
    for (String bad : new String[] {"", "12a", "4242\"} or vector(1) #", "s0123456789abc", "-1"}) {
      UsageException e = assertThrows(UsageException.class, () -> QueryArguments.jobId(bad), bad);
      assertEquals("job id: expected digits or a SLUID (s + 13 of 0-9A-Z), got '" + bad + "'", e.getMessage());
    }
  }

  @Test
  void userNamesCannotCloseTheMatcher() throws Exception {
    assertEquals("alice.b-2", QueryArguments.user("alice.b-2"));
    assertThrows(UsageException.class, () -> QueryArguments.user("alice\"}"));
    assertThrows(UsageException.class, () -> QueryArguments.user("-rf"));
  }

  @Test
  void durationsHaveOneUnit() throws Exception {
    assertEquals(Duration.ofSeconds(90), QueryArguments.duration("--since", "90s"));
    assertEquals(Duration.ofDays(7), QueryArguments.duration("--since", "7d"));
    assertEquals(Duration.ofDays(14), QueryArguments.duration("--since", "2w"));
    UsageException e = assertThrows(UsageException.class, () -> QueryArguments.duration("--since", "1h30m"));
    assertEquals("--since: expected a duration like 90s, 30m, 12h, 7d or 2w, got '1h30m'", e.getMessage());
    assertThrows(UsageException.class, () -> QueryArguments.duration("--since", "0d"));
  }
}
