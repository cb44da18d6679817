package dev.cogalign.pipeline.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** One line of {@code GET /api/v1/runs/{id}/pairs}: the authors' CogPO record plus provenance. */
@JsonPropertyOrder({
  "prompt",
  "chosen",
  "rejected",
  "beta",
  "mini_task",
  "problem_id",
  "chosen_revision_id",
  "rejected_revision_id"
})
public record PairRecord(
    String prompt,
    String chosen,
    String rejected,
    double beta,
    @JsonProperty("mini_task") String miniTask,
    @JsonProperty("problem_id") long problemId,
    @JsonProperty("chosen_revision_id") long chosenRevisionId,
    @JsonProperty("rejected_revision_id") long rejectedRevisionId) {}
