package io.dgxmon.exporter.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds synthetic Slurm cgroup trees in a directory, with file contents in the exact format of the kernel's
 * (copied from a 6.x kernel's cgroupfs, numbers substituted), for the reader tests and the benchmark.
 */
public final class CgroupTrees {
  public static final long UNLIMITED_V1 = 9223372036854771712L;

  /**
   * The figures of one cgroup, in the kernel's units.
   *
   * @param cpuUserTicks cpuacct.stat user (USER_HZ)
   * @param cpuSystemTicks cpuacct.stat system
   * @param cpuUsageNanos cpuacct.usage; v2 uses micro seconds derived from the same values
   * @param cpus cpuset list, e.g. {@code 0-3}; empty for none
   * @param limit memory limit in bytes; v1 {@link #UNLIMITED_V1} or v2 -1 for {@code max}
   */
  public record Figures(long cpuUserTicks, long cpuSystemTicks, long cpuUsageNanos, String cpus, long rss,
      long cache, long shmem, long usage, long limit, long failCount, long memswUsage, long memswFailCount,
      long swapCached, long oom) {

    /** Plausible, distinct figures for the {@code n}-th cgroup. */
    public static Figures sample(int n) {
      return new Figures(1000L + n, 200L + n, 12_345_678_900L + n, "0-3", 1_048_576L * (10 + n),
          4096L * (100 + n), 8192L * n, 1_048_576L * (20 + n), 1L << 34, n % 3, 1_048_576L * (21 + n), 0,
          4096L * n, n % 2);
    }

    public Figures withCpus(String list) {
      return new Figures(cpuUserTicks, cpuSystemTicks, cpuUsageNanos, list, rss, cache, shmem, usage, limit,
          failCount, memswUsage, memswFailCount, swapCached, oom);
    }

    public Figures withLimit(long bytes) {
      return new Figures(cpuUserTicks, cpuSystemTicks, cpuUsageNanos, cpus, rss, cache, shmem, usage, bytes,
          failCount, memswUsage, memswFailCount, swapCached, oom);
    }
  }

  private CgroupTrees() {}

  /** Writes a v1 cgroup {@code <root>/{cpuacct,memory,cpuset}/<relative>} with its files. */
  public static void v1(Path root, String relative, Figures f) {
    Path cpuacct = dir(root.resolve("cpuacct").resolve(relative));
    write(cpuacct.resolve("cpuacct.usage"), f.cpuUsageNanos() + "\n");
    write(cpuacct.resolve("cpuacct.stat"), "user " + f.cpuUserTicks() + "\nsystem " + f.cpuSystemTicks() + "\n");
    write(cpuacct.resolve("cgroup.procs"), "");
    Path cpuset = dir(root.resolve("cpuset").resolve(relative));
    write(cpuset.resolve("cpuset.cpus"), f.cpus() + "\n");
    Path memory = dir(root.resolve("memory").resolve(relative));
    write(memory.resolve("memory.usage_in_bytes"), f.usage() + "\n");
    write(memory.resolve("memory.limit_in_bytes"), f.limit() + "\n");
    write(memory.resolve("memory.failcnt"), f.failCount() + "\n");
    write(memory.resolve("memory.memsw.usage_in_bytes"), f.memswUsage() + "\n");
    write(memory.resolve("memory.memsw.limit_in_bytes"), f.limit() + "\n");
    write(memory.resolve("memory.memsw.failcnt"), f.memswFailCount() + "\n");
    write(memory.resolve("memory.stat"), v1MemoryStat(f));
  }

  /** The files a v1 scrape reads for one cgroup, in the order it reads them. */
  public static String[] v1FilesRead(Path root, String relative) {
    String cpuacct = root.resolve("cpuacct").resolve(relative) + "/";
    String memory = root.resolve("memory").resolve(relative) + "/";
    return new String[] {cpuacct + "cpuacct.usage", cpuacct + "cpuacct.stat",
      root.resolve("cpuset").resolve(relative) + "/cpuset.cpus", memory + "memory.memsw.usage_in_bytes",
      memory + "memory.memsw.failcnt", memory + "memory.usage_in_bytes", memory + "memory.failcnt",
      memory + "memory.stat"};
  }

  /** Marks {@code root} as a v2 mount and writes a cgroup {@code <root>/<relative>}. */
  public static void v2(Path root, String relative, Figures f) {
    write(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
    Path dir = dir(root.resolve(relative));
    long user = f.cpuUserTicks() * 10_000;
    long system = f.cpuSystemTicks() * 10_000;
    write(dir.resolve("cpu.stat"), "usage_usec " + (user + system) + "\nuser_usec " + user + "\nsystem_usec "
        + system + "\nnr_periods 0\nnr_throttled 0\nthrottled_usec 0\nnr_bursts 0\nburst_usec 0\n");
    write(dir.resolve("memory.current"), f.usage() + "\n");
    write(dir.resolve("memory.max"), (f.limit() < 0 ? "max" : Long.toString(f.limit())) + "\n");
    write(dir.resolve("memory.events"), "low 0\nhigh 0\nmax " + f.failCount() + "\noom " + f.oom()
        + "\noom_kill " + f.oom() + "\noom_group_kill 0\n");
    write(dir.resolve("memory.stat"), v2MemoryStat(f));
    write(dir.resolve("cpuset.cpus.effective"), f.cpus() + "\n");
    write(dir.resolve("cgroup.procs"), "");
  }

  private static String v1MemoryStat(Figures f) {
    return "cache " + f.cache() + "\nrss " + f.rss() + "\nrss_huge 0\nshmem " + f.shmem()
        + "\nmapped_file 7446528\ndirty 77824\nwriteback 0\nworkingset_refault_anon 0\nworkingset_refault_file 591"
        + "\nswap 0\nswapcached 0\npgpgin 39651\npgpgout 34794\npgfault 51690\npgmajfault 0\ninactive_anon 0"
        + "\nactive_anon 1531904\ninactive_file 0\nactive_file 364544\nunevictable 0\nhierarchical_memory_limit "
        + f.limit() + "\nhierarchical_memsw_limit " + f.limit() + "\ntotal_cache " + f.cache() + "\ntotal_rss "
        + f.rss() + "\ntotal_rss_huge 0\ntotal_shmem " + f.shmem() + "\ntotal_mapped_file 35684352"
        + "\ntotal_dirty 18333696\ntotal_writeback 0\ntotal_workingset_refault_anon 0"
        + "\ntotal_workingset_refault_file 159828\ntotal_swap 0\ntotal_swapcached 0\ntotal_pgpgin 4675543"
        + "\ntotal_pgpgout 4507648\ntotal_pgfault 5673476\ntotal_pgmajfault 1748\ntotal_inactive_anon 158973952"
        + "\ntotal_active_anon 1605632\ntotal_inactive_file 331014144\ntotal_active_file 256110592"
        + "\ntotal_unevictable 0\n";
  }

  private static String v2MemoryStat(Figures f) {
    return "anon " + f.rss() + "\nfile " + f.cache() + "\nkernel 2617344\nkernel_stack 147456\npagetables 438272"
        + "\nsec_pagetables 0\npercpu 1440\nsock 0\nvmalloc 8192\nshmem " + f.shmem() + "\nzswap 0\nzswapped 0"
        + "\nfile_mapped 21843968\nfile_dirty 0\nfile_writeback 0\nswapcached " + f.swapCached()
        + "\nanon_thp 0\nfile_thp 0\nshmem_thp 0\ninactive_anon 4694016\nactive_anon 0\ninactive_file 30629888"
        + "\nactive_file 1507328\nunevictable 0\nslab_reclaimable 1405128\nslab_unreclaimable 467912\nslab 1873040"
        + "\nworkingset_refault_anon 0\nworkingset_refault_file 0\nworkingset_activate_anon 0"
        + "\nworkingset_activate_file 0\nworkingset_restore_anon 0\nworkingset_restore_file 0"
        + "\nworkingset_nodereclaim 0\npgscan 0\npgsteal 0\npgscan_kswapd 0\npgscan_direct 0\npgscan_khugepaged 0"
        + "\npgsteal_kswapd 0\npgsteal_direct 0\npgsteal_khugepaged 0\npgfault 22683\npgmajfault 271\npgrefill 0"
        + "\npgactivate 0\npgdeactivate 0\npglazyfree 0\npglazyfreed 0\nthp_fault_alloc 0\nthp_collapse_alloc 0\n";
  }

  /** The v2 files a scrape reads for one cgroup directory. */
  public static String[] v2FilesRead(Path dir) {
    String d = dir + "/";
    return new String[] {d + "cpuset.cpus.effective", d + "memory.max", d + "memory.current", d + "memory.events",
      d + "memory.stat", d + "cpu.stat"};
  }

  private static Path dir(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
