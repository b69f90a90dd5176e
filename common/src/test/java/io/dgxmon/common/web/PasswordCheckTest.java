package io.dgxmon.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordCheckTest {
  private final Map<String, String> users = Map.of("prometheus", WebServerTest.SECRET_HASH);

  @Test
  void acceptsOnlyTheRightPasswordOfAKnownUser() {
    PasswordCheck check = new PasswordCheck();
    assertTrue(check.matches(users, "prometheus", "secret"));
    assertFalse(check.matches(users, "prometheus", "Secret"));
    assertFalse(check.matches(users, "nobody", "secret"));
    assertFalse(check.matches(users, "prometheus", "x".repeat(100)), "over bcrypt's 72 bytes");
  }

  @Test
  void repeatedCredentialsCostOneBcryptAndUnknownUsersCostOneToo() {
    PasswordCheck check = new PasswordCheck();
    for (int i = 0; i < 50; i++) {
      assertTrue(check.matches(users, "prometheus", "secret"));
      assertFalse(check.matches(users, "prometheus", "wrong"));
      assertFalse(check.matches(users, "nobody", "secret"));
    }
    assertEquals(3, check.bcryptRuns(), "one bcrypt per distinct (user, hash, password)");
  }

  @Test
  void aChangedHashIsCheckedAfresh() {
    PasswordCheck check = new PasswordCheck();
    assertTrue(check.matches(users, "prometheus", "secret"));
    assertFalse(check.matches(Map.of("prometheus", "$2y$04$" + "a".repeat(53)), "prometheus", "secret"));
    assertEquals(2, check.bcryptRuns());
  }
}
