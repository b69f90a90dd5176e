package io.dgxmon.common.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The web config in force, re-read when its file or one of its TLS files changes (checked at most once a second,
 * from requests and TLS handshakes, like exporter-toolkit which reads the file per request). A changed file that is
 * wrong is logged once and the last good config stays in force; turning TLS on or off needs a restart.
 */
public final class LiveWebConfig {
  private static final long CHECK_INTERVAL_NANOS = 1_000_000_000L;

  /** One usable state: the config, its TLS material, and the file stamps it was read at. */
  public record Loaded(WebConfig config, Optional<TlsMaterial> tls, List<String> stamps) {}

  private final Optional<Path> file;
  private final Consumer<String> log;
  private volatile Loaded current;
  private volatile long nextCheckNanos;
  private String lastProblem;

  private LiveWebConfig(Optional<Path> file, Loaded first, Consumer<String> log) {
    this.file = file;
    this.current = first;
    this.log = log;
    this.nextCheckNanos = System.nanoTime() + CHECK_INTERVAL_NANOS;
  }

  /** No web config file: plain HTTP, nothing to reload. */
  public static LiveWebConfig none() {
    return new LiveWebConfig(Optional.empty(), new Loaded(WebConfig.PLAIN, Optional.empty(), List.of()), s -> {});
  }

  /** Reads {@code file} now; a problem here is a startup error. {@code log} gets one line per reload or problem. */
  public static LiveWebConfig load(Path file, Consumer<String> log) throws WebConfigException {
    return new LiveWebConfig(Optional.of(file), read(file), log);
  }

  public Optional<Path> file() {
    return file;
  }

  /** Whether the listener speaks TLS; fixed for the process's life. */
  public boolean tls() {
    return current.tls().isPresent();
  }

  /** The config in force, after reloading it if a file changed since the last check. */
  public Loaded current() {
    if (file.isPresent() && System.nanoTime() - nextCheckNanos >= 0) {
      reloadIfChanged(file.get());
    }
    return current;
  }

  private synchronized void reloadIfChanged(Path path) {
    if (System.nanoTime() - nextCheckNanos < 0) {
      return;
    }
    nextCheckNanos = System.nanoTime() + CHECK_INTERVAL_NANOS;
    Loaded old = current;
    if (stamps(path, old.config()).equals(old.stamps())) {
      return;
    }
    try {
      Loaded fresh = read(path);
      if (fresh.tls().isPresent() != old.tls().isPresent()) {
        throw new WebConfigException(path + ": tls_server_config added or removed; that takes a restart");
      }
      current = fresh;
      lastProblem = null;
      log.accept("web config " + path + " reloaded");
    } catch (WebConfigException e) {
      if (!Objects.equals(lastProblem, e.getMessage())) {
        lastProblem = e.getMessage();
        log.accept("web config not reloaded, the previous one stays in force: " + e.getMessage());
      }
    }
  }

  private static Loaded read(Path path) throws WebConfigException {
    // Each file is stamped before it is read: one replaced meanwhile differs at the next check and is read again.
    String ownStamp = stamp(path);
    WebConfig config = WebConfigReader.read(path);
    List<String> stamps = stamps(path, config);
    stamps.set(0, ownStamp);
    Optional<TlsMaterial> tls = config.tls().isPresent() ? Optional.of(TlsMaterial.load(config.tls().get()))
        : Optional.empty();
    return new Loaded(config, tls, List.copyOf(stamps));
  }

  /** The file itself, then its TLS files; a rename-over (certbot, config management) changes the stamp too. */
  private static List<String> stamps(Path path, WebConfig config) {
    List<String> stamps = new ArrayList<>(List.of(stamp(path)));
    config.tls().ifPresent(tls -> tls.files().forEach(f -> stamps.add(stamp(f))));
    return stamps;
  }

  /** Modification time, size and inode. */
  private static String stamp(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return file + "@" + a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
    } catch (IOException e) {
      return file + "@missing";
    }
  }
}
