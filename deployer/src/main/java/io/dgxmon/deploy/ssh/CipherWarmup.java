package io.dgxmon.deploy.ssh;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.GeneralSecurityException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets AES-GCM fully compiled (only C2 code uses the AES/GHASH CPU intrinsics) before bulk uploads start. Measured
 * on the 2-core test machine, one thread encrypting 32 KiB packets needs ~14 ms of CPU per MiB for the first
 * ~40 MiB (C1), ~2.4 ms/MiB up to ~100 MiB, then 0.3 ms/MiB. Without this, 32 upload threads spend their first
 * ~3 GiB in the slow phases: ~7 s of extra CPU for 64 nodes. Here one thread gets there for under 1 s of CPU.
 */
final class CipherWarmup {
  /** Uploads smaller than this are not worth waiting for the warm-up. */
  static final long WORTH_WAITING_BYTES = 1 << 20;
  private static final int PACKET = 32 * 1024;
  private static final int PACKETS_PER_ROUND = 32;
  /** A round (1 MiB) this cheap means the intrinsics are in use (0.3 ms measured; interpreted/C1 is 8-50x more). */
  private static final long FAST_ROUND_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final AtomicBoolean STARTED = new AtomicBoolean();
  private static final CountDownLatch DONE = new CountDownLatch(1);

  private CipherWarmup() {}

  /** Starts the warm-up once per JVM, in the background. */
  static void start() {
    if (STARTED.compareAndSet(false, true)) {
      Thread t = new Thread(CipherWarmup::run, "dgxmon-cipher-warmup");
      t.setDaemon(true);
      t.start();
    }
  }

  /** Waits (at most a few seconds) until the warm-up has finished; returns at once when it never started. */
  static void await() {
    if (!STARTED.get()) {
      return;
    }
    try {
      DONE.await(MAX_NANOS, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void run() {
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      SecretKeySpec key = new SecretKeySpec(new byte[16], "AES");
      byte[] iv = new byte[12];
      byte[] packet = new byte[PACKET + 16];
      long deadline = System.nanoTime() + MAX_NANOS;
      long roundCpu = Long.MAX_VALUE;
      while (roundCpu > FAST_ROUND_NANOS && System.nanoTime() < deadline) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < PACKETS_PER_ROUND; i++) {
          // Like JSch: a fresh IV per packet, the length as associated data, encrypted in place.
          iv[11]++;
          iv[10] += iv[11] == 0 ? 1 : 0;
          gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
          gcm.updateAAD(packet, 0, 4);
          gcm.doFinal(packet, 0, PACKET, packet, 0);
        }
        roundCpu = THREADS.getCurrentThreadCpuTime() - start;
      }
    } catch (GeneralSecurityException e) {
      // No AES-GCM here: JSch will negotiate another cipher, which simply stays cold.
    } finally {
      DONE.countDown();
    }
  }
}
