package io.dgxmon.rolemonitor.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Only IP literals pass: an IP cell is pasted into a target as {@code host:port}. */
class IpLiteralTest {
  @Test
  void acceptsIpv4AndIpv6Literals() {
    for (String ip : List.of("10.141.0.1", "0.0.0.0", "255.255.255.255", "::1", "::", "fd00::1", "fe80::1:2:3:4",
        "2001:db8:0:0:0:0:2:1", "2001:DB8::8:800:200C:417A", "::ffff:10.0.0.1", "1:2:3:4:5:6:1.2.3.4", "1::")) {
      assertTrue(IpLiteral.isIp(ip), ip);
    }
  }

  @Test
  void refusesEverythingElseWithoutALookup() {
    for (String text : List.of("10.0.0.1:22/metrics?x=", "a:9999,10.0.0.2", "dgx-01", "localhost", "10.0.0.256",
        "10.0.0", "10.0.0.1.2", "010.0.0.1", "1.2.3.4 ", " 1.2.3.4", "10.0.0.1\n", "", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7", "1::2::3", ":::", "12345::1", "fe80::1%eth0", "[::1]", "1.2.3.4::", "::1.2.3.4:1",
        "1:2:3:4:5:6:7:1.2.3.4", "g::1", "::1/64", "１0.0.0.1")) {
      assertFalse(IpLiteral.isIp(text), text);
    }
  }

  @Test
  void ipv6TargetsAreBracketed() {
    assertEquals("[fd00::1]:9100", IpLiteral.hostPort("fd00::1", 9100));
    assertEquals("10.0.0.1:9100", IpLiteral.hostPort("10.0.0.1", 9100));
    assertEquals("dgx-01:9100", IpLiteral.hostPort("dgx-01", 9100));
  }
}
