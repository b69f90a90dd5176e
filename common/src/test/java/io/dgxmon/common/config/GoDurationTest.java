package io.dgxmon.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void readsGoDurations() {
    assertEquals(Duration.ofSeconds(90), GoDuration.parse("1m30s"));
    assertEquals(Duration.ofMillis(500), GoDuration.parse("500ms"));
    assertEquals(Duration.ZERO, GoDuration.parse("0"));
  }

  @Test
  void aDurationPastDurationOrLongIsABadValueNotACrash() {
    for (String text : new String[] {"99999999999999999h", "2562047788015215h3600s", "99999999999999999999s"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
      assertEquals("\"" + text + "\" is not a duration such as 500ms, 5s or 1m", e.getMessage());
    }
  }
}
