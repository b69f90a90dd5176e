package io.dgxmon.common.config;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which extra labels a file_sd target group may carry. The role monitor refuses the others in its config, and the
 * deployer refuses them before rendering that config, so a deployment never installs a config the monitor rejects.
 */
public final class TargetLabels {
  private TargetLabels() {}

  /** A Prometheus label name (also the form of a job name). */
  public static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  /** Labels the role monitor sets itself on every group. */
  public static final Set<String> RESERVED = Set.of("job", "cluster", "hostname", "category");
  /** What {@link #isExtraLabel} accepts, for error messages. */
  public static final String EXPECTED_EXTRA = "a Prometheus label name (not job/cluster/hostname/category, no leading __)";

  /** A label name a config may add: valid, not reserved, and not internal ({@code __*}, which Prometheus drops). */
  public static boolean isExtraLabel(String name) {
    return NAME.matcher(name).matches() && !name.startsWith("__") && !RESERVED.contains(name);
  }
}
