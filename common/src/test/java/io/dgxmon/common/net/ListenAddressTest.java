package io.dgxmon.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ListenAddressTest {
  @Test
  void parsesEveryFormThePrometheusExportersUse() {
    assertEquals(Optional.of(new ListenAddress("", 9400)), ListenAddress.parse(":9400"));
    assertEquals(Optional.of(new ListenAddress("127.0.0.1", 0)), ListenAddress.parse(" 127.0.0.1:0 "));
    assertEquals(Optional.of(new ListenAddress("head-1.cluster", 9489)), ListenAddress.parse("head-1.cluster:9489"));
    assertEquals(Optional.of(new ListenAddress("::1", 65535)), ListenAddress.parse("[::1]:65535"));
    assertEquals(Optional.empty(), ListenAddress.parse("off"));
    assertEquals(Optional.empty(), ListenAddress.parse("OFF"));
  }

  @Test
  void showsWhatItParsedAndOffAsOff() {
    for (String text : new String[] {":9400", "127.0.0.1:9306", "[::1]:9445", "off"}) {
      assertEquals(text, ListenAddress.text(ListenAddress.parse(text)));
    }
    assertEquals("[fe80::1]:9", new ListenAddress("fe80::1", 5).withPort(9).toString());
    assertTrue(ListenAddress.onPort(1).bindsEveryAddress());
    assertFalse(new ListenAddress("::1", 1).bindsEveryAddress());
  }

  @Test
  void refusesWhatIsNotAnAddressNamingTheValue() {
    for (String bad : new String[] {"9306", ":65536", "::1:9306", "host:", "host:port", "", "a b:1", ":123456"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListenAddress.parse(bad), bad);
      assertEquals("\"" + bad + "\" is not " + ListenAddress.EXPECTED, e.getMessage());
      assertFalse(ListenAddress.isValid(bad));
    }
    assertThrows(IllegalArgumentException.class, () -> new ListenAddress("", 70000));
    assertThrows(IllegalArgumentException.class, () -> new ListenAddress("[::1]", 1));
  }
}
