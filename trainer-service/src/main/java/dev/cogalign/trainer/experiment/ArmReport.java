package dev.cogalign.trainer.experiment;

import java.util.List;

/**
 * One arm across the replicates (lists in replicate order; an entry is null until known).
 *
 * @param jobs the training job of each replicate
 * @param evalJobs the EVAL job of each replicate
 * @param status each training job's status, then its EVAL's: {@code SUCCEEDED/SUCCEEDED}, …
 * @param accuracy held-out accuracy per replicate
 * @param mean accuracy over all replicates' problems (null until every replicate is evaluated)
 * @param ci95 its 95% bootstrap interval over replicates and problems
 * @param models each replicate's trained model folder
 * @param steps training steps of the arm's own job (per replicate)
 * @param wallSeconds training time of the arm's jobs, summed over replicates
 * @param hitTokenLimit outputs per replicate that reached the token limit without a stop token
 */
public record ArmReport(
    List<Long> jobs,
    List<Long> evalJobs,
    List<String> status,
    List<Double> accuracy,
    List<Integer> correct,
    List<Integer> total,
    List<Integer> hitTokenLimit,
    Double mean,
    List<Double> ci95,
    List<String> models,
    List<Long> modelIds,
    int steps,
    int batchSize,
    double wallSeconds) {}
