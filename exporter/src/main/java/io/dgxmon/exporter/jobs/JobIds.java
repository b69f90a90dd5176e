package io.dgxmon.exporter.jobs;

/** Recognises Slurm job ids: digits, or a SLUID ({@code s} followed by 13 of {@code [0-9A-Z]}). */
public final class JobIds {
  private JobIds() {}

  public static boolean isNumericJobId(CharSequence s) {
    int n = s.length();
    if (n == 0 || n > 19) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  public static boolean isSluid(CharSequence s) {
    if (s.length() != 14 || s.charAt(0) != 's') {
      return false;
    }
    for (int i = 1; i < 14; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'))) {
        return false;
      }
    }
    return true;
  }

  public static boolean isJobId(CharSequence s) {
    return isNumericJobId(s) || isSluid(s);
  }
}
