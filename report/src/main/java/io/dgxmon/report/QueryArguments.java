package io.dgxmon.report;

import java.time.Duration;
import java.util.regex.Pattern;

/** Checks what goes into a PromQL label matcher or range, so that no argument can change a query's meaning. */
public final class QueryArguments {
  /** Slurm job ids as the prolog accepts them: digits, or a SLUID (docs/Slurm-Scripts.md). */
  private static final Pattern JOB_ID = Pattern.compile("[0-9]{1,20}|s[0-9A-Z]{13}");
  /** POSIX portable user names (what Slurm and the job info files carry). */
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,63}");
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,6})([smhdw])");

  private QueryArguments() {}

  public static String jobId(String value) throws UsageException {
    if (!JOB_ID.matcher(value).matches()) {
      throw new UsageException("job id: expected digits or a SLUID (s + 13 of 0-9A-Z), got '" + value + "'");
    }
    return value;
  }

  public static String user(String value) throws UsageException {
    if (!USER.matcher(value).matches()) {
      throw new UsageException("--user: expected a user name of letters, digits, '.', '_', '-', got '" + value + "'");
    }
    return value;
  }

  /** A Prometheus-style duration of one unit: 90s, 30m, 12h, 7d, 2w. */
  public static Duration duration(String option, String value) throws UsageException {
    var m = DURATION.matcher(value);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new UsageException(option + ": expected a duration like 90s, 30m, 12h, 7d or 2w, got '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }
}
