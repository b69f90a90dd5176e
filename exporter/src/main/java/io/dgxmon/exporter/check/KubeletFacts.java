package io.dgxmon.exporter.check;

import java.nio.file.Path;

/**
 * What the kubelet's pod-resources socket said to {@code --check}.
 *
 * @param allocatable GPU and MIG devices the kubelet can hand out
 * @param held of those, the ones some container holds now
 * @param detail why it did not answer
 */
public record KubeletFacts(State state, boolean required, Path socket, int allocatable, int held, String detail) {
  public enum State { OFF, ABSENT, ANSWERS, NO_ANSWER }
}
