package io.dgxmon.exporter.gpu;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bytedeco.cuda.global.nvml;
import org.bytedeco.javacpp.Loader;

/**
 * Loads NVML the way a driver-only DGX node allows (docs/reference/nvml-javacpp.md): the system's libnvidia-ml, then
 * only JavaCPP's libjnijavacpp and the preset's libjninvml, never cudart; then {@code nvmlInit_v2} once.
 * JavaCPP's {@code loadLibraries} stays false for the JVM's lifetime, so this JVM must use JavaCPP for NVML only.
 */
public final class NvmlLibrary {
  static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";
  private static final List<String> LIBRARY_DIRS =
      List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib");
  private static NvmlLibrary loaded;
  private static String failure;

  private final Path library;

  private NvmlLibrary(Path library) {
    this.library = library;
  }

  /**
   * Loads and initialises NVML once per JVM; later calls return the first outcome.
   *
   * @param configured {@code --nvml.library}: an absolute path or a bare soname such as {@code libnvidia-ml.so.1}
   * @throws NvmlUnavailableException with one line saying what is missing
   */
  public static synchronized NvmlLibrary load(String configured) throws NvmlUnavailableException {
    if (loaded != null) {
      return loaded;
    }
    if (failure != null) {
      throw new NvmlUnavailableException(failure);
    }
    try {
      Path library = resolve(configured).orElseThrow(() -> new NvmlUnavailableException(
          "NVML library " + configured + " not found (searched " + String.join(", ", LIBRARY_DIRS)
              + " and ldconfig -p): is the NVIDIA driver installed? GPU metrics are off"));
      loadNatives(library);
      int rc = nvml.nvmlInit_v2();
      if (rc != nvml.NVML_SUCCESS) {
        throw new NvmlUnavailableException("nvmlInit_v2 failed with " + NvmlCalls.describe(rc) + " (library "
            + library + "): is the NVIDIA driver loaded? GPU metrics are off");
      }
      Runtime.getRuntime().addShutdownHook(new Thread(nvml::nvmlShutdown, "nvml-shutdown"));
      loaded = new NvmlLibrary(library);
      return loaded;
    } catch (NvmlUnavailableException e) {
      failure = e.getMessage();
      throw e;
    } catch (IOException | LinkageError | RuntimeException e) {
      failure = "NVML could not be loaded from " + configured + ": " + e + "; GPU metrics are off";
      throw new NvmlUnavailableException(failure);
    }
  }

  public Path library() {
    return library;
  }

  /** An absolute path is used as is; a bare name is looked up in the usual library dirs, then ldconfig's cache. */
  static Optional<Path> resolve(String configured) {
    Path path = Path.of(configured);
    if (path.isAbsolute() || configured.contains("/")) {
      return Files.isRegularFile(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
    }
    for (String dir : LIBRARY_DIRS) {
      Path candidate = Path.of(dir, configured);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return fromLdconfig(configured);
  }

  private static Optional<Path> fromLdconfig(String soname) {
    for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
      if (!Files.isExecutable(Path.of(ldconfig))) {
        continue;
      }
      try {
        Process process = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return LdconfigCache.find(output, soname, System.getProperty("os.arch"));
      } catch (IOException e) {
        return Optional.empty();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static void loadNatives(Path library) throws IOException {
    System.load(library.toString());
    System.setProperty("org.bytedeco.javacpp.loadLibraries", "false");
    if (System.getProperty(CACHE_DIR_PROPERTY) == null) {
      System.setProperty(CACHE_DIR_PROPERTY, privateCacheDir().toString());
    }
    String platform = Loader.getPlatform();
    for (String resource : List.of(
        "/org/bytedeco/javacpp/" + platform + "/libjnijavacpp.so",
        "/org/bytedeco/cuda/" + platform + "/libjninvml.so")) {
      File extracted = Loader.cacheResource(resource);
      if (extracted == null) {
        throw new IOException("JavaCPP resource " + resource + " is not in the jar (platform " + platform + ")");
      }
      System.load(extracted.getAbsolutePath());
    }
  }

  /** A cache dir under java.io.tmpdir that only this user owns and can write (never ~/.javacpp). */
  private static Path privateCacheDir() throws IOException {
    String user = System.getProperty("user.name");
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "dgxmon-javacpp-" + user);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    String owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName();
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    if (!owner.equals(user) || permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException("JavaCPP cache dir " + dir + " is owned by " + owner + " or writable by others;"
          + " refusing to load native code from it (set -D" + CACHE_DIR_PROPERTY + ")");
    }
    return dir;
  }
}
