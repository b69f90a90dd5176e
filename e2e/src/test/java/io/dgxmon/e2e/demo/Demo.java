package io.dgxmon.e2e.demo;

import io.dgxmon.e2e.stack.DemoStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./setup.sh --demo}: the end-to-end stack on this machine, kept running until Ctrl-C (or --duration). */
@Command(name = "setup.sh --demo", mixinStandardHelpOptions = true, description = {
    "Deploys dgxmon with ./setup.sh --config onto a throw-away cluster on this machine (real Slurm, sshd and",
    "Prometheus on 127.0.8.x; simulated cmsh and GPUs), prints where to look, and stops everything on exit.",
    "Needs root (slurmd, munged, sshd, fake GPU devices)."})
public final class Demo implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--duration", paramLabel = "SECONDS",
      description = "Stop by itself this many seconds after it is ready (default: run until Ctrl-C).")
  long durationSeconds;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Put everything in a new directory under DIR and keep it (default: a temp dir, removed on exit).")
  Path workDir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    boolean keep = workDir != null;
    Path dir = keep ? Files.createTempDirectory(Files.createDirectories(workDir), "dgxmon-demo-")
        : Files.createTempDirectory("dgxmon-demo-");
    DemoStack stack = new DemoStack(dir, line -> log(out, line));
    AtomicBoolean ready = new AtomicBoolean();
    AtomicBoolean stopped = new AtomicBoolean();
    // Ctrl-C ends the JVM without unwinding main: the hook stops the stack then (also halfway through its start);
    // on a normal exit it finds it stopped. A demo that never got ready keeps its files for a look at the logs.
    Runnable stop = () -> {
      if (stopped.compareAndSet(false, true)) {
        log(out, "stopping every process of the demo");
        stack.close();
        boolean remove = !keep && ready.get();
        if (remove) {
          deleteTree(dir);
        }
        log(out, "stopped" + (remove ? "" : "; files kept in " + dir));
      }
    };
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "dgxmon-demo-stop"));
    try (DemoStack running = stack.start()) {
      log(out, "waiting for Prometheus to scrape every node");
      running.awaitTargetsUp(running.topology().nodes().size());
      out.println(DemoGuide.text(running.prometheus().url(), running.topology(), running.slurm().slurmConf(), dir,
          !keep));
      out.flush();
      ready.set(true);
      awaitStop();
    } finally {
      stop.run();
    }
    return 0;
  }

  private void awaitStop() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    if (durationSeconds > 0) {
      never.await(durationSeconds, TimeUnit.SECONDS);
    } else {
      never.await();
    }
  }

  private static void log(PrintWriter out, String line) {
    out.println("==> " + line);
    out.flush();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Best effort: what is left is under the temp dir the banner named.
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Demo()).execute(args));
  }
}
