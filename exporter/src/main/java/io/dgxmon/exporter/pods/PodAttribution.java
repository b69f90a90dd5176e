package io.dgxmon.exporter.pods;

import io.dgxmon.exporter.pods.api.ListPodResourcesResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Keeps the last good pod-resources answer. A background thread asks the kubelet every {@code interval} with a
 * {@code timeout} deadline; scrapes only read the last good {@link PodAssignments}, so a slow or hung kubelet never
 * holds a scrape. A failed refresh keeps the previous answer and counts a failure; a good one replaces it whole, so
 * a pod that went away loses its labels then. In {@code auto} mode a missing socket means "not a Kubernetes node":
 * no client, no thread work beyond a stat, no labels, no failure.
 */
public final class PodAttribution implements AutoCloseable {
  /** A source of List answers: the real client, or a test's. */
  public interface Lister extends AutoCloseable {
    ListPodResourcesResponse list(Duration deadline) throws PodResourcesException;

    @Override
    void close();
  }

  private final PodsConfig config;
  private final Function<Path, Lister> connect;
  private final Consumer<String> log;
  private final LongSupplier nanoClock;
  private final AtomicLong failures = new AtomicLong();
  private volatile PodAssignments current = PodAssignments.NONE;
  private volatile long lastGoodNanos;
  private volatile boolean answered;
  private volatile boolean socketSeen;
  private volatile String lastProblem = "";
  private Lister lister;
  private ScheduledExecutorService refresher;

  PodAttribution(PodsConfig config, Function<Path, Lister> connect, Consumer<String> log,
      LongSupplier nanoClock) {
    this.config = config;
    this.connect = connect;
    this.log = log;
    this.nanoClock = nanoClock;
  }

  /** Attribution over the real kubelet socket, refreshed in the background; {@link PodsConfig.Mode#OFF}: none. */
  public static PodAttribution start(PodsConfig config, Consumer<String> log) {
    PodAttribution attribution = new PodAttribution(config, PodAttribution::grpcLister, log, System::nanoTime);
    if (config.mode() != PodsConfig.Mode.OFF) {
      attribution.refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dgxmon-kubelet-refresh");
        thread.setDaemon(true);
        return thread;
      });
      attribution.refresher.scheduleWithFixedDelay(attribution::refresh, 0, config.refreshInterval().toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return attribution;
  }

  /** The pods of the last good answer ({@link PodAssignments#NONE} before the first one or when off). */
  public PodAssignments current() {
    return current;
  }

  /** Whether this node has (or is configured to have) a kubelet: only then are the self-metrics shown. */
  boolean active() {
    return config.mode() == PodsConfig.Mode.ON || (config.mode() == PodsConfig.Mode.AUTO && socketSeen);
  }

  /** Seconds since the last good answer; negative before the first one. */
  double ageSeconds() {
    return answered ? (nanoClock.getAsLong() - lastGoodNanos) / 1e9 : -1;
  }

  long failures() {
    return failures.get();
  }

  /** One refresh (the background thread's job; tests call it directly). */
  synchronized void refresh() {
    if (!Files.exists(config.socket())) {
      if (config.mode() == PodsConfig.Mode.AUTO) {
        current = PodAssignments.NONE; // the kubelet left this node (or never was here): no pod owns a GPU
        answered = false;
      } else {
        fail("pod-resources socket " + config.socket() + " does not exist");
      }
      return;
    }
    socketSeen = true;
    try {
      if (lister == null) {
        lister = connect.apply(config.socket());
      }
      ListPodResourcesResponse answer = lister.list(config.timeout());
      current = PodAssignments.of(answer, Set.copyOf(config.resourceNames()));
      lastGoodNanos = nanoClock.getAsLong();
      answered = true;
      if (!lastProblem.isEmpty()) {
        log.accept("kubelet pod-resources answers again on " + config.socket());
        lastProblem = "";
      }
    } catch (PodResourcesException | RuntimeException | LinkageError e) { // LinkageError: natives that cannot load
      fail("kubelet pod-resources on " + config.socket() + ": " + e.getMessage()
          + "; keeping the last good pod labels");
    }
  }

  private void fail(String problem) {
    failures.incrementAndGet();
    if (!problem.equals(lastProblem)) {
      log.accept(problem); // each new problem once, not every refresh
      lastProblem = problem;
    }
  }

  static Lister grpcLister(Path socket) {
    PodResourcesClient client = new PodResourcesClient(socket);
    return new Lister() {
      @Override
      public ListPodResourcesResponse list(Duration deadline) throws PodResourcesException {
        return client.list(deadline);
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  @Override
  public synchronized void close() {
    if (refresher != null) {
      refresher.shutdownNow();
    }
    if (lister != null) {
      lister.close();
    }
  }
}
