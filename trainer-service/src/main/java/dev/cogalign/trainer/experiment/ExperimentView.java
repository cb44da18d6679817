package dev.cogalign.trainer.experiment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/experiments/{id}}: its status and, as the EVAL jobs finish, the report data.
 *
 * @param status QUEUED, RUNNING, SUCCEEDED or FAILED (a job failed or was cancelled: {@code
 *     reason})
 * @param heldOut problems evaluated per replicate (once known)
 * @param wallSeconds from the experiment's creation to its last job's end (or now)
 * @param arms by arm name ({@code sft_teacher}, {@code sft_crv}, {@code dpo}, {@code cogpo}, {@code
 *     sft_crv_continued})
 * @param comparisons each arm against its baseline, once both are evaluated
 */
public record ExperimentView(
    long id,
    String name,
    String status,
    String reason,
    List<CreateExperimentRequest.Replicate> replicates,
    Integer heldOut,
    double wallSeconds,
    Map<String, ArmReport> arms,
    List<Comparison> comparisons,
    Instant createdAt,
    Instant finishedAt) {}
