package io.dgxmon.deploy.ssh;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.KeyPair;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Questions about a private key file asked before any connection, e.g. by the wizard: protected, right passphrase. */
public final class PrivateKeyFile {
  private PrivateKeyFile() {}

  /** Whether {@code key} is a readable private key that needs a passphrase. */
  public static boolean isEncrypted(Path key) {
    if (!Files.isReadable(key)) {
      return false;
    }
    try {
      KeyPair pair = KeyPair.load(new JSch(), key.toString());
      boolean encrypted = pair.isEncrypted();
      pair.dispose();
      return encrypted;
    } catch (JSchException e) {
      return false;
    }
  }

  /** Whether {@code passphrase} decrypts {@code key}; the bytes made from it are wiped. */
  public static boolean opensWith(Path key, char[] passphrase) {
    byte[] secret = utf8(passphrase);
    try {
      KeyPair pair = KeyPair.load(new JSch(), key.toString());
      boolean ok = pair.decrypt(secret);
      pair.dispose();
      return ok;
    } catch (JSchException e) {
      return false;
    } finally {
      Arrays.fill(secret, (byte) 0);
    }
  }

  /** The UTF-8 bytes of {@code chars}, leaving no other copy behind. */
  static byte[] utf8(char[] chars) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = Arrays.copyOf(encoded.array(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    return bytes;
  }
}
