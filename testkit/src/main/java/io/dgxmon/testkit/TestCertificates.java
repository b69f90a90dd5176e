package io.dgxmon.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A throw-away PKI made by the real {@code openssl} in a test's temp dir: a CA, a server certificate for an IP
 * address, and client certificates. Keys are PKCS#8 PEM (what OpenSSL 3 writes), never committed.
 */
public final class TestCertificates {
  private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(60);
  private final Path dir;
  private final Path openssl;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.openssl = RequiredTool.require("openssl", "openssl");
  }

  /** A CA named {@code name} in {@code dir}: {@code <name>.crt}, {@code <name>.key}. */
  public static TestCertificates createCa(Path dir, String name) {
    TestCertificates pki = new TestCertificates(dir);
    pki.openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
        "-subj", "/CN=" + name, "-keyout", pki.key(name).toString(), "-out", pki.cert(name).toString(),
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    return pki;
  }

  /** A server certificate for {@code ip} (subjectAltName), signed by CA {@code ca}. */
  public Path server(String ca, String name, String ip) {
    return signed(ca, name, "subjectAltName=IP:" + ip + "\nextendedKeyUsage=serverAuth\n");
  }

  /** A client certificate with CN {@code name}, signed by CA {@code ca}. */
  public Path client(String ca, String name) {
    return signed(ca, name, "extendedKeyUsage=clientAuth\n");
  }

  public Path cert(String name) {
    return dir.resolve(name + ".crt");
  }

  public Path key(String name) {
    return dir.resolve(name + ".key");
  }

  private Path signed(String ca, String name, String extensions) {
    Path csr = dir.resolve(name + ".csr");
    Path ext = TextFiles.write(dir.resolve(name + ".ext"), extensions);
    openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + name,
        "-keyout", key(name).toString(), "-out", csr.toString());
    openssl("x509", "-req", "-in", csr.toString(), "-CA", cert(ca).toString(), "-CAkey", key(ca).toString(),
        "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", cert(name).toString());
    return cert(name);
  }

  private void openssl(String... args) {
    List<String> command = new ArrayList<>(List.of(openssl.toString()));
    command.addAll(List.of(args));
    ProcessResult result = Processes.run(OPENSSL_TIMEOUT, Map.of(), command);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("openssl failed: " + command + "\n" + result.stdout() + result.stderr());
    }
  }
}
