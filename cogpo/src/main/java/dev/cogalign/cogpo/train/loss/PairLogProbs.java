package dev.cogalign.cogpo.train.loss;

import ai.djl.ndarray.NDArray;

/**
 * Summed completion log-probs of N pairs under the policy (differentiable) and the frozen
 * reference, each of shape (N).
 */
public record PairLogProbs(
    NDArray policyChosen,
    NDArray policyRejected,
    NDArray referenceChosen,
    NDArray referenceRejected) {}
