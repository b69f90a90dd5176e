package io.dgxmon.deploy.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Bytes to upload: rendered in memory, or a local file (jar, runtime archive) hashed once. */
public record Payload(String name, byte[] bytes, Path file, long size, String sha256) {

  public static Payload of(String name, byte[] bytes) {
    return new Payload(name, bytes.clone(), null, bytes.length, sha256(bytes));
  }

  public static Payload file(String name, Path file) throws IOException {
    MessageDigest md = digest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return new Payload(name, null, file, Files.size(file), HexFormat.of().formatHex(md.digest()));
  }

  /** A placeholder for an artifact that is not built; a dry run lists it, a real run refuses to start. */
  public static Payload missing(String name) {
    return new Payload(name, null, null, -1, "missing");
  }

  public boolean isMissing() {
    return size < 0;
  }

  public boolean isRendered() {
    return bytes != null;
  }

  /** How plan.txt names it: size and sha256, or what to do when it is not built. */
  public String describe() {
    return isMissing() ? "MISSING " + name + " (build it: ./setup.sh --build)" : toString();
  }

  public InputStream open() throws IOException {
    return isRendered() ? new java.io.ByteArrayInputStream(bytes) : Files.newInputStream(file);
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Payload p && p.sha256.equals(sha256) && p.name.equals(name);
  }

  @Override
  public int hashCode() {
    return sha256.hashCode();
  }

  @Override
  public String toString() {
    return name + " (" + size + " bytes, sha256 " + sha256 + ")";
  }
}
