package dev.cogalign.launcher.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one demo produced.
 *
 * @param runCounts problems per final state (VERIFIED, REJECTED, SKIPPED, FAILED)
 * @param pairsPerMiniTask exported preference pairs per mini-task
 * @param lineage the CogPO model's ancestry, root first, the CogPO model last
 * @param modelCopy the trained CogPO model copied under the output folder
 */
public record DemoResult(
    long datasetId,
    long runId,
    Map<String, Long> runCounts,
    double runSeconds,
    double problemsPerSecond,
    Map<String, Long> pairsPerMiniTask,
    Path pairsFile,
    Path sftFile,
    long sftJobId,
    long cogpoJobId,
    List<Long> lineage,
    Path modelCopy) {}
