package io.dgxmon.exporter.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.exporter.config.DcmiToolKind;
import io.dgxmon.exporter.config.EnergyConfig.DcmiTool;
import io.dgxmon.testkit.RequiredTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The real {@code ipmitool} and FreeIPMI {@code ipmi-dcmi}, run through the exporter's reader with their fixed
 * arguments. The test machine has no BMC, so each must fail the documented way (docs/reference/energy.md, measured
 * here): the arguments are accepted and the failure is one clear line. A machine with a BMC may give a reading.
 */
class RealDcmiToolsTest {
  static final boolean BMC = List.of("/dev/ipmi0", "/dev/ipmi/0", "/dev/ipmidev/0").stream()
      .anyMatch(d -> Files.exists(Path.of(d)));

  static DcmiAnswer read(DcmiToolKind kind, String program, String debianPackage) throws InterruptedException {
    Path path = RequiredTool.require(program, debianPackage);
    try (DcmiReader reader = new DcmiReader(new DcmiTool(kind, path), Duration.ofSeconds(20))) {
      return reader.read();
    }
  }

  /** With a BMC: a reading, or a BMC's refusal, but never the tool's complaint about its command line. */
  static void assertArgumentsAccepted(DcmiAnswer answer) {
    String problem = answer.problem().toLowerCase(Locale.ROOT);
    assertTrue(!problem.contains("usage") && !problem.contains("invalid option")
        && !problem.contains("unrecognized"), answer.toString());
  }

  @Test
  void ipmitoolWithoutABmcSaysItCannotOpenTheDevice() throws InterruptedException {
    DcmiAnswer answer = read(DcmiToolKind.IPMITOOL, "ipmitool", "ipmitool");
    if (BMC) {
      assertArgumentsAccepted(answer);
      return;
    }
    assertEquals("exit status 1: Could not open device at /dev/ipmi0 or /dev/ipmi/0 or /dev/ipmidev/0: No such file"
        + " or directory", answer.problem());
  }

  @Test
  void freeIpmiWithoutABmcSaysItFindsNoInbandDevice() throws InterruptedException {
    DcmiAnswer answer = read(DcmiToolKind.IPMI_DCMI, "ipmi-dcmi", "freeipmi-tools");
    if (BMC) {
      assertArgumentsAccepted(answer);
      return;
    }
    assertEquals("exit status 1: could not find inband device", answer.problem());
  }
}
