package dev.cogalign.cogpo.train.reference;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.train.data.PreferenceBatch;
import dev.cogalign.cogpo.train.data.TokenizedPair;
import java.util.List;

/** The frozen reference's summed completion log-probs of preference pairs. */
public interface ReferenceLogProbs extends AutoCloseable {

  /**
   * @param pairs the batch's pairs, in batch order
   * @param batch the same pairs collated
   * @param manager where to create the result
   * @return (chosen, rejected), each (N) float32 and without gradient
   */
  NDList of(List<TokenizedPair> pairs, PreferenceBatch batch, NDManager manager);

  /** Reference forward passes made since this was opened (0 when everything came from cache). */
  int forwardPasses();

  @Override
  void close();
}
