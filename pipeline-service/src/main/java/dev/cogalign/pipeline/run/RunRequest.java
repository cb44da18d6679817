package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.MiniTask;
import dev.cogalign.crv.agent.StudentProfile;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.Map;

/** {@code POST /api/v1/runs}; every field but the dataset has a default in {@link RunConfig}. */
public record RunRequest(
    @NotNull Long datasetId,
    Backends backends,
    @Valid StudentProfile profile,
    @Min(1) @Max(RunConfig.MAX_RETHINK_ATTEMPTS) Integer maxRethinkAttempts,
    Map<MiniTask, @NotNull @Positive Double> betas,
    @Min(1) @Max(RunConfig.MAX_CONCURRENCY) Integer concurrency,
    Boolean perturb) {}
