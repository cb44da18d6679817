package dev.cogalign.trainer.job;

/**
 * Where a job's data comes from: a pipeline run (its pairs for DPO/CogPO, its SFT records for SFT,
 * and for EVAL only as an explicit training-set measurement with {@code split: "train"}), a
 * pipeline dataset (its teacher CoTs for SFT, its problems and gold answers for EVAL), or for EVAL
 * a benchmark ({@code gsm8k|math500}).
 *
 * @param annotations {@code keep} (default) or {@code strip}: the CoTs' calculator annotations
 *     {@code <<…>>} removed by pipeline-service
 */
public record JobData(
    Long runId, Long datasetId, String benchmark, String split, String annotations) {

  public static final String TRAIN_SPLIT = "train";

  public boolean stripAnnotations() {
    return "strip".equalsIgnoreCase(annotations);
  }
}
