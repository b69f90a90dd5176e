package io.dgxmon.common.config;

import java.util.Collection;
import java.util.Optional;

/** Suggests the valid key closest to a misspelt one (case-insensitive Levenshtein distance). */
public final class NearestKey {
  private NearestKey() {}

  /** The candidate closest to {@code unknown}; on a tie the first in iteration order; empty when there is none. */
  public static Optional<String> nearest(String unknown, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(unknown, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Edits (insert, delete, substitute) that turn {@code a} into {@code b}, ignoring case. */
  public static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        boolean same = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1));
        current[j] = Math.min(previous[j - 1] + (same ? 0 : 1), Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
