package io.dgxmon.deploy;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced later in this branch. */
@Command(name = "uninstall")
final class UninstallCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 1;
  }
}
