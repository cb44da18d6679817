package dev.cogalign.trainer.job;

/**
 * One evaluated problem: its id, the gold answer, what was extracted from the greedy output, and
 * whether the output reached the token limit.
 */
public record EvaluationItem(
    String problemId,
    String gold,
    String extracted,
    boolean correct,
    int newTokens,
    boolean hitLimit,
    String output) {}
