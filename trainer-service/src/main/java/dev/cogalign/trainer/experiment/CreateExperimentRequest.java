package dev.cogalign.trainer.experiment;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/experiments}: the CRV comparison on the user's own data and model.
 *
 * @param name a label
 * @param replicates one per seed: a finished CRV run over the training dataset, the held-out
 *     dataset and the base model
 * @param sft hyperparameters of both SFT arms (same steps and batch size by construction)
 * @param po hyperparameters of the DPO and CogPO arms ({@code beta} is DPO's one beta)
 * @param continued hyperparameters of the control; by default the preference arms' steps, batch
 *     size, learning rate, warm-up and seed
 * @param betas CogPO's beta per mini-task (default: the pairs' own)
 * @param eval the EVAL jobs' options ({@code maxNewTokens}, {@code batchSize}, …)
 * @param annotations {@code keep} (default) or {@code strip} calculator annotations from all CoTs
 * @param arms the arms to run (default all; the preference arms and the control need sft_crv)
 */
public record CreateExperimentRequest(
    String name,
    List<Replicate> replicates,
    JsonNode sft,
    JsonNode po,
    JsonNode continued,
    Map<String, Double> betas,
    JsonNode eval,
    String annotations,
    List<String> arms) {

  /**
   * @param seed a label of the replicate (the seed that made its data and model), or null
   * @param runId a SUCCEEDED CRV run over the training dataset
   * @param heldOutDatasetId problems none of whose questions is in the training data
   * @param baseModel a registered model id or a Hugging Face folder
   */
  public record Replicate(Long seed, Long runId, Long heldOutDatasetId, String baseModel) {}
}
