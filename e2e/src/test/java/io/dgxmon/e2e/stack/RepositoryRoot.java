package io.dgxmon.e2e.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the stack is built from: setup.sh, docs/, the built jars and runtime. */
public final class RepositoryRoot {
  private RepositoryRoot() {}

  /** The {@code dgxmon.repo.root} property (Maven and setup.sh set it), else the first parent with setup.sh. */
  public static Path get() {
    String configured = System.getProperty("dgxmon.repo.root");
    Path start = (configured != null ? Path.of(configured) : Path.of("")).toAbsolutePath().normalize();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("setup.sh")) && Files.isDirectory(p.resolve("docs/prometheus"))) {
        return p;
      }
    }
    throw new IllegalStateException("no dgxmon checkout (setup.sh, docs/prometheus) at or above " + start);
  }
}
