package io.dgxmon.deploy.ssh;

import com.jcraft.jsch.HostKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A host that offered a key other than the one(s) known_hosts has for it (another key of the same type, or only a
 * key of another type): what it offered and what is known, as OpenSSH prints fingerprints, with the lines to remove.
 */
record HostKeyMismatch(String host, String offeredType, String offeredFingerprint, List<KnownKey> known) {

  /** One key known_hosts has for the host: its type, fingerprint and base64 blob (as written in the file). */
  record KnownKey(String type, String fingerprint, String base64) {}

  static HostKeyMismatch of(String host, byte[] offered, HostKey[] known) {
    List<KnownKey> keys = new ArrayList<>();
    for (HostKey k : known) {
      keys.add(new KnownKey(k.getType(), fingerprint(Base64.getDecoder().decode(k.getKey())), k.getKey()));
    }
    return new HostKeyMismatch(host, typeOf(offered), fingerprint(offered), List.copyOf(keys));
  }

  /** The sentence for the target's row: both fingerprints and how to remove the known key once verified. */
  String explain(Path knownHostsFile) {
    boolean otherType = known.stream().noneMatch(k -> k.type().equals(offeredType));
    List<String> knownText = known.stream()
        .map(k -> k.type() + " " + k.fingerprint() + lineOf(knownHostsFile, k.base64())).toList();
    return "HOST KEY CHANGED for " + host + ": it offered " + offeredType + " " + offeredFingerprint
        + (otherType ? " (a key type it is not known by)" : "") + ", but " + knownHostsFile + " has "
        + String.join(", ", knownText) + " (possible man-in-the-middle). If the host was really reinstalled, remove "
        + "the old key with: ssh-keygen -R '" + host + "' -f " + knownHostsFile;
  }

  /** " at line N" for the known_hosts line holding {@code base64Key}, or "" when it cannot be read. */
  private static String lineOf(Path file, String base64Key) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (List.of(lines.get(i).trim().split("\\s+")).contains(base64Key)) {
          return " at line " + (i + 1);
        }
      }
    } catch (IOException e) {
      // Only a hint; the ssh-keygen -R command is still given.
    }
    return "";
  }

  /** OpenSSH's form: SHA256:base64 of the key blob, without padding. */
  static String fingerprint(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** The key type named at the start of an SSH key blob (a length-prefixed string). */
  static String typeOf(byte[] key) {
    if (key.length < 4) {
      return "unknown";
    }
    int n = ((key[0] & 0xff) << 24) | ((key[1] & 0xff) << 16) | ((key[2] & 0xff) << 8) | (key[3] & 0xff);
    return n > 0 && n <= key.length - 4 ? new String(key, 4, n, StandardCharsets.US_ASCII) : "unknown";
  }
}
