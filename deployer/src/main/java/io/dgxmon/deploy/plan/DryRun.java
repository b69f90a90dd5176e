package io.dgxmon.deploy.plan;

import io.dgxmon.common.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes a plan to a directory without contacting any host: every rendered file and script under
 * {@code DIR/<target>/<absolute path>}, links as symlinks, and {@code DIR/plan.txt}. Built artifacts (runtime, jars)
 * are listed in plan.txt with size and sha256, not copied.
 */
public final class DryRun {
  public static final String PLAN_FILE = "plan.txt";

  private DryRun() {}

  public static void write(DeploymentPlan plan, Path dir) throws IOException {
    prepare(dir);
    for (TargetPlan tp : plan.targets()) {
      Output out = new TargetDir(dir.resolve(tp.target().name()));
      for (Step s : tp.steps()) {
        for (Action a : s.actions()) {
          a.writeDryRun(out);
        }
      }
    }
    AtomicFile.write(dir.resolve(PLAN_FILE), PlanText.render(plan), AtomicFile.WORLD_READABLE);
  }

  /** Where an action's dry-run output goes: paths are absolute on the target (target root included). */
  public interface Output {
    void file(String path, byte[] content) throws IOException;

    void link(String path, String target) throws IOException;
  }

  /** One target's part of the output directory. */
  private record TargetDir(Path base) implements Output {
    @Override
    public void file(String path, byte[] content) throws IOException {
      Path out = under(base, path);
      Files.createDirectories(out.getParent());
      AtomicFile.write(out, content, AtomicFile.WORLD_READABLE);
    }

    @Override
    public void link(String path, String target) throws IOException {
      Path out = under(base, path);
      Files.createDirectories(out.getParent());
      Files.createSymbolicLink(out, Path.of(target));
    }
  }

  private static Path under(Path base, String absolute) {
    Path p = base.resolve(absolute.substring(1)).normalize();
    if (!p.startsWith(base)) {
      throw new IllegalArgumentException("path escapes the output directory: " + absolute);
    }
    return p;
  }

  /** An output dir is reused only when it holds an earlier dry run (it has plan.txt); its content is replaced. */
  private static void prepare(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.isRegularFile(dir.resolve(PLAN_FILE))) {
        throw new IOException(dir + " is not empty and holds no earlier dry run (" + PLAN_FILE + "); choose another");
      }
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(dir);
  }
}
