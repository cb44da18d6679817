package dev.cogalign.pipeline.export;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code GET /api/v1/datasets/{id}/sft}: a question, its teacher CoT in the run SFT
 * export's form (ending with {@code #### answer}), its gold answer and its problem id.
 */
@JsonPropertyOrder({"prompt", "completion", "answer", "problem_id"})
public record DatasetSftRecord(
    String prompt, String completion, String answer, @JsonProperty("problem_id") long problemId) {}
