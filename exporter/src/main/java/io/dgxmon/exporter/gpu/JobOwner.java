package io.dgxmon.exporter.gpu;

/** A job on a GPU as the :9445 profile labels it: {@code jobid} and {@code userid} (empty when unknown). */
public record JobOwner(String jobId, String uid) {}
