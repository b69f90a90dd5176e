package io.dgxmon.rolemonitor.targets;

import java.util.Set;

/**
 * Holds back a mass deletion: when one cycle would remove more than {@code maxFraction} of the managed
 * files, the removals wait until the next cycle asks for exactly the same ones (a cmsh answer that is
 * wrong in a plausible way rarely repeats identically; a real decommission does). The pending set is
 * kept in the targets directory by the caller, so {@code --once} runs and restarts agree too.
 */
public final class DeletionGuard {
  private final double maxFraction;
  private Set<String> pending;

  public DeletionGuard(double maxFraction) {
    this(maxFraction, Set.of());
  }

  public DeletionGuard(double maxFraction, Set<String> pending) {
    this.maxFraction = maxFraction;
    this.pending = Set.copyOf(pending);
  }

  /** Removals held back, waiting for agreement. */
  public Set<String> pending() {
    return pending;
  }

  /** The removals allowed now, out of {@code removals} among {@code managedCount} files. */
  public Set<String> allow(Set<String> removals, int managedCount) {
    if (removals.isEmpty() || removals.size() <= maxFraction * managedCount) {
      pending = Set.of();
      return removals;
    }
    if (removals.equals(pending)) {
      pending = Set.of();
      return removals;
    }
    pending = Set.copyOf(removals);
    return Set.of();
  }

  public boolean holding() {
    return !pending.isEmpty();
  }
}
