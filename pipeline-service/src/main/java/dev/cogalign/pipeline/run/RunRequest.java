package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.MiniTask;
import dev.cogalign.crv.agent.StudentProfile;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Map;

/**
 * {@code POST /api/v1/runs}; every field but the dataset has a default in {@link RunConfig}. {@code
 * studentModelId} (a model registered with trainer-service) is required with {@code
 * backends.critic} {@code student} and refused without it.
 */
public record RunRequest(
    @NotNull Long datasetId,
    Backends backends,
    @Valid StudentProfile profile,
    @Min(1) @Max(RunConfig.MAX_RETHINK_ATTEMPTS) Integer maxRethinkAttempts,
    Map<MiniTask, @NotNull @Positive Double> betas,
    @Min(1) @Max(RunConfig.MAX_CONCURRENCY) Integer concurrency,
    Boolean perturb,
    @Positive Long studentModelId) {}
