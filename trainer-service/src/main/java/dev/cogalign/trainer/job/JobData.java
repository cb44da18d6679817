package dev.cogalign.trainer.job;

/**
 * Where a job's data comes from: a pipeline run (its pairs for DPO/CogPO, its SFT records for SFT
 * and EVAL), or for EVAL a benchmark ({@code gsm8k|math500}).
 */
public record JobData(Long runId, String benchmark) {}
