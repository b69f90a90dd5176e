package io.dgxmon.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ManifestVersionTest {
  @Command(name = "dgxmon-something", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
      subcommands = Sub.class)
  static final class Root implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  @Command(name = "sub", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class)
  static final class Sub implements Callable<Integer> {
    @Override
    public Integer call() {
      return 0;
    }
  }

  private static String version(String... args) {
    StringWriter out = new StringWriter();
    new CommandLine(new Root()).setOut(new PrintWriter(out, true)).execute(args);
    return out.toString();
  }

  @Test
  void namesTheProgramAndItsBuildVersion() {
    assertEquals("dgxmon-something dev\n", version("--version"));
    assertEquals("dgxmon-something dev\n", version("sub", "--version"), "a subcommand shows the program's version");
  }
}
