package io.dgxmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RequiredToolTest {
  private static final String MISSING = "dgxmon-no-such-program-7f3a";

  @Test
  void findsAnInstalledProgramAsAnAbsoluteExecutablePath() {
    var sh = RequiredTool.require("sh", "dash", true);
    assertTrue(sh.isAbsolute() && Files.isExecutable(sh), sh.toString());
  }

  @Test
  void underCiAMissingProgramFailsNamingThePackage() {
    AssertionError failure = assertThrows(AssertionError.class, () -> RequiredTool.require(MISSING, "some-deb", true));
    assertTrue(failure.getMessage().contains("apt-get install some-deb"), failure.getMessage());
    assertTrue(failure.getMessage().startsWith(MISSING + " not found"), failure.getMessage());
  }

  @Test
  void outsideCiAMissingProgramAbortsTheTestWithTheSameMessage() {
    TestAbortedException aborted =
        assertThrows(TestAbortedException.class, () -> RequiredTool.require(MISSING, "some-deb", false));
    assertTrue(aborted.getMessage().contains("some-deb"), aborted.getMessage());
  }

  @Test
  void aFileIsFoundOrUnderCiFailsNamingThePackage() {
    assertEquals(Path.of("/bin/sh"), RequiredTool.requireFile(Path.of("/bin/sh"), "dash", true));
    Path missing = Path.of("/usr/lib", MISSING + ".so.1");
    AssertionError failure =
        assertThrows(AssertionError.class, () -> RequiredTool.requireFile(missing, "zlib1g:arm64", true));
    assertTrue(failure.getMessage().startsWith(missing + " not found"), failure.getMessage());
    assertTrue(failure.getMessage().contains("apt-get install zlib1g:arm64"), failure.getMessage());
  }

  @Test
  void findReportsAbsence() {
    assertEquals(false, RequiredTool.find(MISSING).isPresent());
  }
}
