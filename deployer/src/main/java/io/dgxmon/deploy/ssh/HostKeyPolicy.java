package io.dgxmon.deploy.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict host-key checking against a known_hosts file. A CHANGED key is always refused; an unknown key is refused
 * unless the operator asked to accept new keys, in which case it is recorded (file rewritten by JSch, serialised).
 * A host known under one key type that offers only another is CHANGED, not new: JSch's own check compares keys of
 * the offered type only, so a man in the middle with a key of another type would otherwise pass as "unknown" and,
 * with --accept-new-host-keys, be recorded. (JSch proposes the known types first, so an honest server that still
 * has its known key uses it.)
 */
final class HostKeyPolicy implements HostKeyRepository {
  private final HostKeyRepository knownHosts;
  private final boolean acceptNew;
  private final List<String> accepted = new ArrayList<>();
  private final Map<String, HostKeyMismatch> mismatches = new HashMap<>();

  HostKeyPolicy(HostKeyRepository knownHosts, boolean acceptNew) {
    this.knownHosts = knownHosts;
    this.acceptNew = acceptNew;
  }

  @Override
  public synchronized int check(String host, byte[] key) {
    int result = knownHosts.check(host, key);
    HostKey[] known = knownHosts.getHostKey(host, null);
    if (result == NOT_INCLUDED && known.length > 0) {
      result = CHANGED;
    }
    if (result == CHANGED) {
      mismatches.put(host, HostKeyMismatch.of(host, key, known));
      return CHANGED;
    }
    if (result == NOT_INCLUDED && acceptNew) {
      try {
        knownHosts.add(new HostKey(host, key), null);
      } catch (JSchException e) {
        return NOT_INCLUDED;
      }
      accepted.add(host);
      return OK;
    }
    return result;
  }

  /** What {@code host} offered and what is known, when its key was refused as changed; else null. */
  synchronized HostKeyMismatch mismatch(String host) {
    return mismatches.get(host);
  }

  synchronized List<String> accepted() {
    return List.copyOf(accepted);
  }

  @Override
  public synchronized void add(HostKey hostkey, UserInfo ui) {
    knownHosts.add(hostkey, ui);
  }

  @Override
  public synchronized void remove(String host, String type) {
    throw new UnsupportedOperationException("dgxmon-deploy never removes known host keys");
  }

  @Override
  public synchronized void remove(String host, String type, byte[] key) {
    throw new UnsupportedOperationException("dgxmon-deploy never removes known host keys");
  }

  @Override
  public String getKnownHostsRepositoryID() {
    return knownHosts.getKnownHostsRepositoryID();
  }

  @Override
  public synchronized HostKey[] getHostKey() {
    return knownHosts.getHostKey();
  }

  @Override
  public synchronized HostKey[] getHostKey(String host, String type) {
    return knownHosts.getHostKey(host, type);
  }
}
