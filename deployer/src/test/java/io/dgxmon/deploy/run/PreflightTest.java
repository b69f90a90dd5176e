package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dgxmon.deploy.config.DeployConfig.NvmlCheck;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The preflight policy over plain probe values: what refuses a target, what only warns. */
class PreflightTest {
  private static ProbeResult probe(boolean systemd, Boolean nvml, long freeKiB) {
    return new ProbeResult(systemd, nvml, freeKiB, Map.of(), Map.of(), Map.of(), Map.of(), Set.of());
  }

  @Test
  void healthyHostPassesWithWhatItSaw() {
    Preflight p = Preflight.judge(probe(true, true, 512 * 1024), "/", NvmlCheck.REQUIRE, 256);
    assertNull(p.failure());
    assertEquals(List.of(), p.warnings());
    assertEquals("ok (systemd, NVML, 512 MiB free)", p.summary());
  }

  @Test
  void missingSystemdFailsAndSaysWhereItLooked() {
    assertEquals("systemd is not running (/run/systemd/system is missing)",
        Preflight.judge(probe(false, true, 1 << 20), "/", NvmlCheck.WARN, 256).failure());
    assertEquals("systemctl is not installed on the host that writes /cm/images/dgx",
        Preflight.judge(probe(false, true, 1 << 20), "/cm/images/dgx", NvmlCheck.WARN, 256).failure());
  }

  @Test
  void missingNvmlFailsOnlyWhenRequired() {
    Preflight warn = Preflight.judge(probe(true, false, 1 << 20), "/", NvmlCheck.WARN, 256);
    assertNull(warn.failure());
    assertEquals(List.of("libnvidia-ml.so.1 not found under / (NVIDIA driver missing?); GPU metrics will report "
        + "success 0"), warn.warnings());
    assertEquals("ok (systemd, no NVML, 1024 MiB free)", warn.summary());
    assertEquals("libnvidia-ml.so.1 not found under / (NVIDIA driver missing?); preflight.nvml is \"require\"",
        Preflight.judge(probe(true, false, 1 << 20), "/", NvmlCheck.REQUIRE, 256).failure());
  }

  @Test
  void notCheckedNvmlIsNeitherWarnedNorShown() {
    Preflight p = Preflight.judge(probe(true, null, 1 << 20), "/srv/r", NvmlCheck.REQUIRE, 256);
    assertNull(p.failure());
    assertEquals("ok (systemd, 1024 MiB free)", p.summary());
  }

  @Test
  void tooLittleSpaceFailsAtTheBoundaryNotBelowIt() {
    assertNull(Preflight.judge(probe(true, true, 256 * 1024), "/", NvmlCheck.WARN, 256).failure());
    assertEquals("only 255 MiB free under /, need 256 MiB (preflight.minFreeMiB)",
        Preflight.judge(probe(true, true, 256 * 1024 - 1), "/", NvmlCheck.WARN, 256).failure());
  }

  @Test
  void unreadableFreeSpaceDoesNotRefuse() {
    assertNull(Preflight.judge(probe(true, true, -1), "/", NvmlCheck.WARN, 256).failure());
  }

  @Test
  void freeSpaceIsReadFromStatBlocksOrPlainKib() {
    assertEquals(4000, ProbeResult.parse("freekib 1000 4096\n").freeKiB());
    assertEquals(99, ProbeResult.parse("freekib 99\n").freeKiB());
    assertEquals(-1, ProbeResult.parse("freekib ? 4096\n").freeKiB());
  }
}
