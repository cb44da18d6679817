package dev.cogalign.cogpo.train.loss;

import ai.djl.ndarray.NDArray;
import dev.cogalign.cogpo.model.Scalars;

/** log σ(x) = −softplus(−x), written so that it neither overflows nor loses its gradient. */
public final class LogSigmoid {

  private LogSigmoid() {}

  /**
   * softplus(x) = log(1 + eˣ) = m + log(e^(−m) + e^(x−m)) with m = max(x, 0): both exponents are ≤
   * 0, so nothing overflows, and the gradient is σ(x) everywhere, 1/2 at x = 0 (the form {@code
   * relu(x) + log1p(exp(−|x|))} gets 0 there, which would freeze a policy that starts equal to its
   * reference).
   */
  public static NDArray softplus(NDArray x) {
    NDArray m = Scalars.maximum(x, 0).stopGradient();
    return m.add(m.neg().exp().add(x.sub(m).exp()).log());
  }

  /** log σ(x) = −softplus(−x). */
  public static NDArray of(NDArray x) {
    return softplus(x.neg()).neg();
  }
}
