package dev.cogalign.cogpo.train.loss;

import ai.djl.ndarray.NDArray;
import dev.cogalign.cogpo.model.Scalars;
import java.util.List;

/**
 * The DPO / CogPO sigmoid loss, one pure function of log-probs and betas.
 *
 * <p>Per pair i: Δᵢ = [log πθ(w) − log πθ(l)] − [log π_ref(w) − log π_ref(l)], and
 *
 * <pre>L = meanᵢ[ −(1−ε)·log σ(βᵢΔᵢ) − ε·log σ(−βᵢΔᵢ) ] + α · NLL(w)</pre>
 *
 * where NLL(w) = −Σᵢ log πθ(wᵢ) / Σᵢ |wᵢ| is the mean negative log-likelihood per chosen token. DPO
 * is the case where every βᵢ is the same; CogPO gives every pair its own.
 *
 * @param labelSmoothing ε in [0, 0.5)
 * @param nllWeight α ≥ 0 (0 = no NLL term)
 */
public record PreferenceLoss(double labelSmoothing, double nllWeight) {

  public static final double DEFAULT_LABEL_SMOOTHING = 0.0;
  public static final double DEFAULT_NLL_WEIGHT = 0.0;

  public PreferenceLoss {
    if (!(labelSmoothing >= 0 && labelSmoothing < 0.5)) {
      throw new IllegalArgumentException(
          "label smoothing " + labelSmoothing + " must be in [0, 0.5)");
    }
    if (!(nllWeight >= 0) || Double.isInfinite(nllWeight)) {
      throw new IllegalArgumentException("NLL weight " + nllWeight + " must be finite and >= 0");
    }
  }

  /** The loss and its metrics. */
  public record Result(NDArray loss, PreferenceMetrics metrics) {}

  /**
   * @param logProbs summed completion log-probs, each (N)
   * @param betas βᵢ per pair
   * @param miniTasks per pair, entries may be {@code null}
   * @param chosenTokens |wᵢ|, the scored tokens of each chosen completion (used when α > 0)
   * @return a scalar loss, differentiable through the policy log-probs
   */
  public Result compute(
      PairLogProbs logProbs, double[] betas, List<String> miniTasks, int[] chosenTokens) {
    NDArray policyChosen = logProbs.policyChosen();
    NDArray policyRejected = logProbs.policyRejected();
    NDArray referenceChosen = logProbs.referenceChosen().stopGradient();
    NDArray referenceRejected = logProbs.referenceRejected().stopGradient();

    float[] beta = new float[betas.length];
    for (int i = 0; i < beta.length; i++) {
      beta[i] = (float) betas[i];
    }
    NDArray delta =
        policyChosen.sub(policyRejected).sub(referenceChosen.sub(referenceRejected)); // (N)
    NDArray z = delta.mul(policyChosen.getManager().create(beta)); // (N)
    NDArray perPair = Scalars.mul(LogSigmoid.of(z), -(1 - labelSmoothing)); // (N)
    if (labelSmoothing > 0) {
      perPair = perPair.sub(Scalars.mul(LogSigmoid.of(z.neg()), labelSmoothing));
    }
    NDArray loss = perPair.mean();
    if (nllWeight > 0) {
      long tokens = 0;
      for (int n : chosenTokens) {
        tokens += n;
      }
      loss =
          loss.add(
              Scalars.mul(Scalars.div(policyChosen.sum().neg(), Math.max(tokens, 1)), nllWeight));
    }

    PreferenceMetrics metrics =
        PreferenceMetrics.of(
            policyChosen.toFloatArray(),
            policyRejected.toFloatArray(),
            referenceChosen.toFloatArray(),
            referenceRejected.toFloatArray(),
            betas,
            miniTasks);
    return new Result(loss, metrics);
  }
}
