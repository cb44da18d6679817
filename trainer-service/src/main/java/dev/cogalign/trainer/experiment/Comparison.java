package dev.cogalign.trainer.experiment;

import java.util.List;

/**
 * An arm against a baseline on the same held-out problems: the difference of mean accuracy and its
 * paired 95% bootstrap interval.
 */
public record Comparison(String arm, String baseline, double difference, List<Double> ci95) {}
