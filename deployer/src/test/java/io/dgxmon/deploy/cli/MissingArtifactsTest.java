package io.dgxmon.deploy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run refuses to start with a reason that says what to do: build the binaries, or fix the source tree. */
class MissingArtifactsTest {
  @Test
  void builtThingsAskForABuildSourcesForTheSourceTree() {
    String m = Deployment.missingMessage(List.of("/src/.dgxmon-build/runtime-linux-x86_64.tar",
        "/src/exporter/target/dgxmon-exporter.jar", "/src/slurm/prolog.d/dgxmon_job_map.sh"), Path.of("/src"));
    assertEquals("dgxmon-deploy: not built yet (run ./setup.sh --build): /src/.dgxmon-build/runtime-linux-x86_64.tar,"
        + " /src/exporter/target/dgxmon-exporter.jar; missing from the source tree /src (--source; a complete dgxmon"
        + " checkout has them): /src/slurm/prolog.d/dgxmon_job_map.sh", m);
  }

  @Test
  void aMissingArm64RuntimeSaysWhatBuildsIt() {
    String m = Deployment.missingMessage(List.of("/src/.dgxmon-build/runtime-linux-arm64.tar"), Path.of("/src"));
    assertEquals("dgxmon-deploy: not built yet (run ./setup.sh --build): /src/.dgxmon-build/runtime-linux-arm64.tar;"
        + " the arm64 runtime is built where Debian's arm64 packages are enabled (as root: dpkg --add-architecture"
        + " arm64 && apt-get update) or with DGXMON_ARM64_JDK (see docs/Deployer.md)", m);
  }

  @Test
  void onlyMissingScriptsDoNotMentionBuilding() {
    String m = Deployment.missingMessage(List.of("/x/slurm/epilog.d/dgxmon_job_map.sh"), Path.of("/x"));
    assertEquals("dgxmon-deploy: missing from the source tree /x (--source; a complete dgxmon checkout has them): "
        + "/x/slurm/epilog.d/dgxmon_job_map.sh", m);
  }

  @Test
  void nothingMissingNoMessage() {
    assertNull(Deployment.missingMessage(List.of(), Path.of(".")));
  }
}
