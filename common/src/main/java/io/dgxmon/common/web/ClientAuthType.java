package io.dgxmon.common.web;

/** exporter-toolkit's {@code client_auth_type} values (Go's {@code tls.ClientAuthType} names). */
public enum ClientAuthType {
  NoClientCert(false, false, false),
  RequestClientCert(true, false, false),
  RequireAnyClientCert(true, true, false),
  VerifyClientCertIfGiven(true, false, true),
  RequireAndVerifyClientCert(true, true, true);

  /** Asks the client for a certificate. */
  public final boolean requests;
  /** Fails the handshake without one. */
  public final boolean requires;
  /** Checks it against {@code client_ca_file}. */
  public final boolean verifies;

  ClientAuthType(boolean requests, boolean requires, boolean verifies) {
    this.requests = requests;
    this.requires = requires;
    this.verifies = verifies;
  }
}
