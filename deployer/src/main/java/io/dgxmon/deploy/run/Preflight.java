package io.dgxmon.deploy.run;

import io.dgxmon.deploy.config.DeployConfig.NvmlCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * The preflight policy: whether a probed host may receive dgxmon (systemd present, NVML per {@code preflight.nvml},
 * enough free space), as a pure function of the probe result and the settings.
 *
 * @param failure why the target must not be touched, or null when it passed
 * @param warnings problems that do not stop the run (a missing NVML under policy {@code warn})
 * @param summary the progress line of a passed preflight
 */
public record Preflight(String failure, List<String> warnings, String summary) {

  public Preflight {
    warnings = List.copyOf(warnings);
  }

  public boolean passed() {
    return failure == null;
  }

  /** {@code root} is the target root: {@code /} means a booted system whose services run now. */
  public static Preflight judge(ProbeResult probe, String root, NvmlCheck nvml, int minFreeMiB) {
    if (!probe.systemd()) {
      return failed(root.equals("/") ? "systemd is not running (/run/systemd/system is missing)"
          : "systemctl is not installed on the host that writes " + root);
    }
    List<String> warnings = new ArrayList<>();
    if (Boolean.FALSE.equals(probe.nvml())) {
      String missing = "libnvidia-ml.so.1 not found under " + root + " (NVIDIA driver missing?)";
      if (nvml == NvmlCheck.REQUIRE) {
        return failed(missing + "; preflight.nvml is \"require\"");
      }
      warnings.add(missing + "; GPU metrics will report success 0");
    }
    // An unreadable df answer (-1) is not a reason to refuse: the upload itself would then fail clearly.
    if (probe.freeKiB() >= 0 && probe.freeKiB() < (long) minFreeMiB * 1024) {
      return failed("only " + probe.freeKiB() / 1024 + " MiB free under " + root + ", need " + minFreeMiB
          + " MiB (preflight.minFreeMiB)");
    }
    String seen = probe.nvml() == null ? "" : probe.nvml() ? ", NVML" : ", no NVML";
    return new Preflight(null, warnings, "ok (systemd" + seen + ", " + (probe.freeKiB() / 1024) + " MiB free)");
  }

  private static Preflight failed(String reason) {
    return new Preflight(reason, List.of(), null);
  }
}
