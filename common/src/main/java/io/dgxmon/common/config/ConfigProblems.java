package io.dgxmon.common.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in a config so that all of them are reported at once. */
public final class ConfigProblems {
  private final List<String> problems = new ArrayList<>();

  /** Records {@code "<fieldPath>: <message>"}. */
  public void add(String fieldPath, String message) {
    problems.add(fieldPath + ": " + message);
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  public List<String> list() {
    return List.copyOf(problems);
  }

  /** @throws ConfigException naming {@code source} and every problem, when there is one */
  public void throwIfAny(String source) throws ConfigException {
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems);
    }
  }
}
