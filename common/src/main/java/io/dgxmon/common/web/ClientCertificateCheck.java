package io.dgxmon.common.web;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Judges client certificates by the web config in force: against {@code client_ca_file} for the verifying
 * {@code client_auth_type}s, not at all for {@code RequestClientCert}/{@code RequireAnyClientCert} (that is what
 * those Go modes mean: the certificate is asked for, its issuer is not checked).
 */
final class ClientCertificateCheck extends X509ExtendedTrustManager {
  private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];
  private final LiveWebConfig live;

  ClientCertificateCheck(LiveWebConfig live) {
    this.live = live;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verify(verifier -> verifier.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verify(verifier -> verifier.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    verify(verifier -> verifier.checkClientTrusted(chain, authType));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    X509ExtendedTrustManager verifier = verifier();
    return verifier == null ? NO_ISSUERS : verifier.getAcceptedIssuers();
  }

  /** One check against the CA list in force; none when client certificates are not verified. */
  @FunctionalInterface
  private interface CaCheck {
    void run(X509ExtendedTrustManager verifier) throws CertificateException;
  }

  private void verify(CaCheck check) throws CertificateException {
    X509ExtendedTrustManager verifier = verifier();
    if (verifier != null) {
      check.run(verifier);
    }
  }

  /** The CA check in force, or null when client certificates are not verified. */
  private X509ExtendedTrustManager verifier() {
    return live.current().tls().flatMap(TlsMaterial::clientVerifier).orElse(null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("a server does not judge server certificates");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("a server does not judge server certificates");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("a server does not judge server certificates");
  }
}
