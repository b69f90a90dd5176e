package io.dgxmon.deploy.ssh;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Strict host-key checking against a known_hosts file. A CHANGED key is always refused; an unknown key is refused
 * unless the operator asked to accept new keys, in which case it is recorded (file rewritten by JSch, serialised).
 */
final class HostKeyPolicy implements HostKeyRepository {
  private final HostKeyRepository knownHosts;
  private final boolean acceptNew;
  private final List<String> accepted = new ArrayList<>();

  HostKeyPolicy(HostKeyRepository knownHosts, boolean acceptNew) {
    this.knownHosts = knownHosts;
    this.acceptNew = acceptNew;
  }

  @Override
  public synchronized int check(String host, byte[] key) {
    int result = knownHosts.check(host, key);
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
