package dev.cogalign.cogpo.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.cogalign.cogpo.model.NoGrad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Plain stochastic gradient descent: p ← p − lr·g. No momentum, no weight decay, no state. */
public final class Sgd implements Optimizer {

  @Override
  public void step(Map<String, NDArray> parameters, double lr) {
    try (NoGrad ignored = NoGrad.enter()) { // in-place on leaves: no graph, on any thread
      update(parameters, lr);
    }
  }

  private static void update(Map<String, NDArray> parameters, double lr) {
    for (NDArray p : parameters.values()) {
      if (!p.hasGradient()) {
        continue;
      }
      try (NDManager scope = p.getManager().newSubManager()) {
        NDArray g = p.getGradient();
        scope.attachAll(g);
        scope.tempAttachAll(p);
        p.subi(g.mul((float) lr));
      }
    }
  }

  @Override
  public void save(Path file) throws IOException {
    Files.writeString(file, "sgd\n");
  }

  @Override
  public void load(Path file) {}

  @Override
  public void close() {}
}
