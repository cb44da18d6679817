package dev.cogalign.cogpo.train;

import dev.cogalign.cogpo.train.data.Truncation;
import java.nio.file.Path;

/**
 * How a run ended.
 *
 * @param steps optimizer steps completed (counting those before a resume)
 * @param cancelled whether the listener stopped it early
 * @param lastLoss the loss of the last step (NaN when no step ran)
 * @param modelDir the Hugging Face folder of the trained model
 * @param truncation what truncation cut from the data
 * @param referenceForwardPasses reference batches scored (0 when every log-prob came from cache)
 */
public record TrainingSummary(
    int steps,
    boolean cancelled,
    double lastLoss,
    Path modelDir,
    Truncation.Report truncation,
    int referenceForwardPasses) {}
