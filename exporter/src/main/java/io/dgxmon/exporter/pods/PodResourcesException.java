package io.dgxmon.exporter.pods;

import io.grpc.StatusRuntimeException;

/** A pod-resources call that failed: its method and gRPC status in one line (UNAVAILABLE, DEADLINE_EXCEEDED...). */
public final class PodResourcesException extends Exception {
  PodResourcesException(String method, StatusRuntimeException cause) {
    super(method + ": " + cause.getStatus().getCode()
        + (cause.getStatus().getDescription() == null ? "" : " " + cause.getStatus().getDescription()), cause);
  }
}
