package dev.cogalign.cogpo.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.cogalign.cogpo.model.NoGrad;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Whole-model gradient operations: global norm, clipping by it, zeroing. */
public final class Gradients {

  /** Added to the norm before dividing, as {@code torch.nn.utils.clip_grad_norm_} does. */
  static final double CLIP_EPSILON = 1e-6;

  private Gradients() {}

  /**
   * √(Σ_p ‖g_p‖²) over every parameter that has a gradient: the norms of the parameters are stacked
   * and reduced on the engine, so the step waits for one number, not one per parameter.
   */
  public static double globalNorm(Map<String, NDArray> parameters) {
    NDList norms = new NDList(parameters.size());
    try {
      for (NDArray p : parameters.values()) {
        if (p.hasGradient()) {
          try (NDArray g = p.getGradient()) {
            norms.add(g.norm()); // (), float32
          }
        }
      }
      if (norms.isEmpty()) {
        return 0;
      }
      // the squares summed in float64, as they were summed in Java before
      try (NDArray all = NDArrays.stack(norms);
          NDArray wide = all.toType(DataType.FLOAT64, false);
          NDArray norm = wide.norm()) {
        return norm.getDouble(); // √(Σ ‖g_p‖²)
      }
    } finally {
      norms.close();
    }
  }

  /**
   * Names of the parameters whose gradient holds a NaN or an infinity, in parameter order: what a
   * failed step reports, so that a non-finite norm points at where it came from.
   */
  public static List<String> nonFinite(Map<String, NDArray> parameters) {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray p = e.getValue();
      if (p.hasGradient()) {
        try (NDManager scope = p.getManager().newSubManager()) {
          NDArray g = p.getGradient();
          scope.attachAll(g);
          if (g.isNaN().logicalOr(g.isInfinite()).any().getBoolean()) {
            names.add(e.getKey());
          }
        }
      }
    }
    return names;
  }

  /**
   * Scales every gradient by min(1, maxNorm / (norm + 1e−6)) when {@code maxNorm} > 0.
   *
   * <p>A non-finite norm leaves the gradients as they are (scaling by 0 would turn every infinity
   * into NaN and hide where it was): the caller stops the run on it.
   *
   * @return the global norm before clipping (what transformers logs as {@code grad_norm})
   */
  public static double clipByGlobalNorm(Map<String, NDArray> parameters, double maxNorm) {
    double norm = globalNorm(parameters);
    if (maxNorm > 0 && Double.isFinite(norm)) {
      try (NoGrad ignored = NoGrad.enter()) {
        scale(parameters, maxNorm, norm);
      }
    }
    return norm;
  }

  private static void scale(Map<String, NDArray> parameters, double maxNorm, double norm) {
    double coefficient = maxNorm / (norm + CLIP_EPSILON);
    if (coefficient < 1) {
      for (NDArray p : parameters.values()) {
        if (p.hasGradient()) {
          try (NDArray g = p.getGradient()) {
            g.muli((float) coefficient);
          }
        }
      }
    }
  }

  /**
   * Sets every gradient to zero, ready for the next accumulation. On PyTorch the gradient is filled
   * with zeros ({@code grad.zero_()}), which also clears a NaN or an infinity that multiplying by 0
   * would keep.
   */
  public static void zero(Map<String, NDArray> parameters) {
    try (NoGrad ignored = NoGrad.enter()) {
      zeroAll(parameters);
    }
  }

  private static void zeroAll(Map<String, NDArray> parameters) {
    for (NDArray p : parameters.values()) {
      if (p instanceof PtNDArray pt) {
        JniUtils.zeroGrad(pt); // grad.zero_() when there is one (none before the first backward)
        continue;
      }
      if (!p.hasGradient()) {
        continue;
      }
      try (NDManager scope = p.getManager().newSubManager()) {
        NDArray g = p.getGradient();
        scope.attachAll(g);
        g.muli(0f);
      }
    }
  }
}
