package dev.cogalign.trainer.job;

import java.util.Map;

/** The metrics of one step. */
public record MetricPoint(int step, Map<String, Double> metrics) {}
