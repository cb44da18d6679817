package dev.cogalign.cogpo.train.reference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.model.DecoderModel;
import dev.cogalign.cogpo.train.data.PreferenceBatch;
import dev.cogalign.cogpo.train.data.SequenceBatch;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import dev.cogalign.cogpo.train.loss.CompletionLogProbs;
import java.util.List;

/** A frozen copy of the reference model, run forward for every batch. */
public final class FrozenReference implements ReferenceLogProbs {

  private final DecoderModel model;
  private int forwardPasses;

  /** Takes ownership of {@code model} and freezes it. */
  public FrozenReference(DecoderModel model) {
    this.model = model;
    model.setTrainable(false);
  }

  /** Summed completion log-probs of both sides of each pair, (chosen, rejected). */
  static NDList compute(DecoderModel model, PreferenceBatch batch, NDManager manager) {
    SequenceBatch s = batch.sequences();
    int n = batch.pairs();
    try (NDManager scope = manager.newSubManager()) {
      NDArray logps =
          CompletionLogProbs.sums(model, s, s.idsArray(scope), s.attentionMaskArray(scope))
              .stopGradient(); // (2N)
      NDArray chosen = logps.get("0:" + n);
      NDArray rejected = logps.get(n + ":");
      chosen.attach(manager);
      rejected.attach(manager);
      return new NDList(chosen, rejected);
    }
  }

  @Override
  public NDList of(List<TokenizedPair> pairs, PreferenceBatch batch, NDManager manager) {
    forwardPasses++;
    return compute(model, batch, manager);
  }

  @Override
  public int forwardPasses() {
    return forwardPasses;
  }

  @Override
  public void close() {
    model.close();
  }
}
