package io.dgxmon.common.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server's key pair and the client CA list of a {@code tls_server_config}, read from PEM files with the JDK's
 * own parsers and turned into JSSE managers. Only PKCS#8 keys ({@code BEGIN PRIVATE KEY}, what OpenSSL 3 writes) are
 * read; older formats are refused with the command that converts them.
 */
public record TlsMaterial(X509ExtendedKeyManager keyManager, Optional<X509ExtendedTrustManager> clientVerifier) {
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final char[] IN_MEMORY_PASSWORD = "dgxmon".toCharArray();

  public static TlsMaterial load(WebConfig.Tls tls) throws WebConfigException {
    List<X509Certificate> chain = certificates(tls.certFile(), "cert_file");
    PrivateKey key = privateKey(tls.keyFile(), chain.get(0));
    Optional<X509ExtendedTrustManager> verifier = Optional.empty();
    if (tls.clientAuth().verifies) {
      verifier = Optional.of(trustManager(tls.clientCaFile().orElseThrow()));
    }
    return new TlsMaterial(keyManager(tls, chain, key), verifier);
  }

  static List<X509Certificate> certificates(Path file, String key) throws WebConfigException {
    List<X509Certificate> certificates = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file)) {
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) certificate);
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new WebConfigException(file + " (tls_server_config." + key + "): cannot read PEM certificates: " + e, e);
    }
    if (certificates.isEmpty()) {
      throw new WebConfigException(file + " (tls_server_config." + key + "): no PEM certificate in it");
    }
    return certificates;
  }

  private static PrivateKey privateKey(Path file, X509Certificate certificate) throws WebConfigException {
    String where = file + " (tls_server_config.key_file): ";
    String pem;
    try {
      pem = Files.readString(file);
    } catch (IOException e) {
      throw new WebConfigException(where + "cannot read: " + e, e);
    }
    Matcher m = PKCS8.matcher(pem);
    if (!m.find()) {
      throw new WebConfigException(where + "no unencrypted PKCS#8 key ('BEGIN PRIVATE KEY'); convert with "
          + "'openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW'");
    }
    String algorithm = certificate.getPublicKey().getAlgorithm();
    try {
      byte[] der = Base64.getMimeDecoder().decode(m.group(1));
      PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      requireMatch(key, certificate);
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new WebConfigException(where + "not a " + algorithm + " key that belongs to the certificate in "
          + "cert_file: " + e.getMessage(), e);
    }
  }

  /** As Go's {@code tls.X509KeyPair}: a key that does not belong to the certificate would fail every handshake. */
  private static void requireMatch(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
    String algorithm = switch (key.getAlgorithm()) {
      case "RSA" -> "SHA256withRSA";
      case "EC" -> "SHA256withECDSA";
      default -> key.getAlgorithm();
    };
    byte[] probe = "dgxmon key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Signature signer = Signature.getInstance(algorithm);
    signer.initSign(key);
    signer.update(probe);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(certificate.getPublicKey());
    verifier.update(probe);
    if (!verifier.verify(signature)) {
      throw new GeneralSecurityException("the private key does not match the certificate's public key");
    }
  }

  private static X509ExtendedKeyManager keyManager(WebConfig.Tls tls, List<X509Certificate> chain, PrivateKey key)
      throws WebConfigException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
      KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, IN_MEMORY_PASSWORD);
      return (X509ExtendedKeyManager) factory.getKeyManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new WebConfigException(tls.certFile() + ": cannot use the certificate and key: " + e, e);
    }
  }

  private static X509ExtendedTrustManager trustManager(Path caFile) throws WebConfigException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int n = 0;
      for (X509Certificate ca : certificates(caFile, "client_ca_file")) {
        store.setCertificateEntry("ca-" + n++, ca);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    } catch (GeneralSecurityException | IOException e) {
      throw new WebConfigException(caFile + " (tls_server_config.client_ca_file): unusable: " + e, e);
    }
  }
}
