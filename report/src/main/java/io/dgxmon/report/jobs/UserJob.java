package io.dgxmon.report.jobs;

import java.time.Instant;
import java.util.Optional;

/** One row of the user's jobs table: energy attributed in the period asked for, CO2e when a factor is recorded. */
public record UserJob(String jobId, String account, String partition, Optional<Instant> start, double gpus,
    double gpuJoules, double totalJoules, Optional<Double> co2Grams) {}
