package io.dgxmon.deploy.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgxmon.deploy.plan.InstallManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state directory is private before anything is read from it or written to it, and no link is followed. */
class StateStoreTest {
  @TempDir Path tmp;

  private static TargetState someState() {
    return TargetState.EMPTY.withConfigHash("h").withManifest(InstallManifest.EMPTY.withFile("/etc/dgxmon/x"));
  }

  private static String mode(Path p) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private void assertRefused(Path dir, String why) {
    IOException e = assertThrows(IOException.class, () -> StateStore.open(dir));
    assertTrue(e.getMessage().startsWith("state directory " + dir.toAbsolutePath()) && e.getMessage().contains(why)
        && e.getMessage().contains("refusing to use it"), e.getMessage());
  }

  @Test
  void aMissingDirectoryIsCreatedOwnerOnlyAndItsFilesToo() throws Exception {
    Path dir = tmp.resolve("a/.dgxmon-state/slurm");
    StateStore store = StateStore.open(dir);
    store.save("dgx-01", someState());
    assertEquals("rwx------", mode(dir));
    assertEquals("rw-------", mode(dir.resolve("dgx-01.json")));
    assertEquals(someState(), store.load("dgx-01"));
  }

  @Test
  void aDirectoryOthersCanReadOrWriteIsRefused() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("state"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertRefused(dir, "has mode 0777 (group or others have access); refusing to use it (chmod 700 ");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    assertRefused(dir, "has mode 0750");
  }

  @Test
  void aSymbolicLinkAsTheDirectoryIsRefused() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path link = Files.createSymbolicLink(tmp.resolve("state"), real);
    assertRefused(link, "is not a directory (a symbolic link or a file)");
  }

  @Test
  void aParentOthersCanWriteIsRefusedUnlessSticky() throws Exception {
    Path parent = Files.createDirectory(tmp.resolve("shared"));
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path dir = parent.resolve("state");
    assertRefused(dir, "lies under " + parent.toRealPath() + ", which others can write (mode 0777)");
  }

  @Test
  void aStateFileThatIsALinkIsNotFollowed() throws Exception {
    StateStore store = StateStore.open(tmp.resolve("state"));
    Path elsewhere = tmp.resolve("planted.json");
    Files.writeString(elsewhere, "{\"trees\": [\"/etc\"]}");
    Files.createSymbolicLink(store.dir().resolve("dgx-01.json"), elsewhere);
    IOException e = assertThrows(IOException.class, () -> store.load("dgx-01"));
    assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
  }

  @Test
  void linksPlantedAtTempNamesAreNeverWrittenThrough() throws Exception {
    StateStore store = StateStore.open(tmp.resolve("state"));
    Path victim = Files.writeString(tmp.resolve("victim"), "precious");
    Files.createSymbolicLink(store.dir().resolve("dgx-01.json.tmp"), victim);
    Files.createSymbolicLink(store.dir().resolve(".dgx-01.json.tmp"), victim);
    store.save("dgx-01", someState());
    assertEquals("precious", Files.readString(victim));
    assertEquals(someState(), store.load("dgx-01"));
  }

  @Test
  void targetNamesCannotLeaveTheDirectory() throws Exception {
    StateStore store = StateStore.open(tmp.resolve("state"));
    assertThrows(IOException.class, () -> store.save("../x", someState()));
    assertThrows(IOException.class, () -> store.load("a/b"));
  }
}
