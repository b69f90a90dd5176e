package io.dgxmon.exporter.scrape;

/** Something slow or fallible that a scrape reads (NVML, a cgroup tree); {@link SharedCollection} guards it. */
public interface Source<T> {
  /** The {@code collector} label of the self-metrics, e.g. {@code cgroup}. */
  String name();

  /** Reads everything once; throwing marks the collection failed ({@code success 0}). */
  T collect() throws Exception;

  /** A source named {@code name} that runs {@code collect}. */
  static <T> Source<T> of(String name, java.util.concurrent.Callable<T> collect) {
    return new Source<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public T collect() throws Exception {
        return collect.call();
      }
    };
  }
}
