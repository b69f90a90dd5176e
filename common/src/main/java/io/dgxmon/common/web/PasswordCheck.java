package io.dgxmon.common.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * bcrypt checks of basic auth credentials, priced like exporter-toolkit's: results are cached (keyed by a digest of
 * user, hash and password, so no password is kept), one bcrypt runs at a time (a flood of wrong passwords burns
 * at most one core, and a cached good login never waits for it), and an unknown user costs a bcrypt too (no
 * user enumeration by timing).
 */
final class PasswordCheck {
  /** bcrypt (cost 10) of a random password nobody knows; checked for unknown users so they take as long. */
  private static final String UNKNOWN_USER_HASH = "$2y$10$/bt2oICG2ZyincVNrZhqnuqPs9pqq69vkCoFZkBroBWR3TrQATrMa";
  private static final int CACHE_SIZE = 100;

  private final Object bcryptTurn = new Object();
  private long bcryptRuns;
  private final Map<String, Boolean> cache = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  boolean matches(Map<String, String> users, String user, String password) {
    String hash = users.get(user);
    boolean known = hash != null;
    String checkedHash = known ? hash : UNKNOWN_USER_HASH;
    String key = digest(user, checkedHash, password);
    synchronized (cache) {
      Boolean cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    boolean ok;
    synchronized (bcryptTurn) {
      bcryptRuns++;
      ok = verify(password, checkedHash) && known;
    }
    synchronized (cache) {
      cache.put(key, ok);
    }
    return ok;
  }

  /** How many bcrypt checks ran (the cache's effect, for tests). */
  long bcryptRuns() {
    synchronized (bcryptTurn) {
      return bcryptRuns;
    }
  }

  private static boolean verify(String password, String hash) {
    try {
      return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
          hash.getBytes(StandardCharsets.UTF_8)).verified;
    } catch (IllegalArgumentException e) {
      // Over bcrypt's 72 bytes, or a malformed hash: Go's bcrypt refuses those too.
      return false;
    }
  }

  private static String digest(String user, String hash, String password) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : new String[] {user, hash, password}) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
