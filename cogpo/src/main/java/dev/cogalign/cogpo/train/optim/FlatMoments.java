package dev.cogalign.cogpo.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Adam's moments of a group of float32 parameters that step together, each kept in one flat buffer
 * (N: every element of the group, parameter after parameter). One {@link AdamW} step of the group
 * is then a dozen element-wise engine calls on the flat buffers and three per parameter (flatten
 * its gradient, take and subtract its slice of the update), instead of a dozen per parameter: on
 * the experiment's 50-parameter student that was most of the optimizer's time.
 *
 * <p>Each parameter's m and v are views into the buffers ({@link #m(int)}, {@link #v(int)}), so
 * AdamW's state, saved and restored per parameter name, does not change form.
 */
final class FlatMoments implements AutoCloseable {

  private final List<String> names;
  private final Shape[] shapes;
  private final long[] offsets; // where each parameter starts in the buffers; offsets[0] = 0
  private final NDArray m; // (N)
  private final NDArray v; // (N)

  /**
   * Copies the given per-parameter moments into fresh flat buffers in {@code manager}.
   *
   * @param names the parameters, in update order
   * @param ms their first moments, each of its parameter's shape
   * @param vs their second moments
   */
  FlatMoments(List<String> names, List<NDArray> ms, List<NDArray> vs, NDManager manager) {
    this.names = List.copyOf(names);
    this.shapes = new Shape[names.size()];
    this.offsets = new long[names.size()];
    long offset = 0;
    for (int i = 0; i < shapes.length; i++) {
      shapes[i] = ms.get(i).getShape();
      offsets[i] = offset;
      offset += shapes[i].size();
    }
    this.m = flatten(ms, manager);
    this.v = flatten(vs, manager);
  }

  private static NDArray flatten(List<NDArray> arrays, NDManager manager) {
    try (NDManager scope = manager.newSubManager()) {
      NDList flat = new NDList(arrays.size());
      for (NDArray a : arrays) {
        scope.tempAttachAll(a);
        flat.add(a.reshape(-1)); // (size of the parameter)
      }
      NDArray all = NDArrays.concat(flat, 0); // (N)
      all.attach(manager);
      return all;
    }
  }

  /** The parameters of the group, in the buffers' order. */
  List<String> names() {
    return names;
  }

  /** The first moment of parameter {@code i}: a view of its slice of the flat buffer. */
  NDArray m(int i) {
    return slice(m, i);
  }

  /** The second moment of parameter {@code i}: a view of its slice of the flat buffer. */
  NDArray v(int i) {
    return slice(v, i);
  }

  private NDArray slice(NDArray flat, int i) {
    long end = offsets[i] + shapes[i].size();
    try (NDArray part = flat.get(new NDIndex("{}:{}", offsets[i], end))) {
      return part.reshape(shapes[i]); // a view, in the buffer's manager
    }
  }

  /**
   * One Adam step of the moments and the update it gives, as {@link AdamW} computes it:
   *
   * <pre>
   * m ← β₁·m + (1 − β₁)·g
   * v ← β₂·v + (1 − β₂)·g²
   * u = (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
   * </pre>
   *
   * @param gradients the parameters' gradients, in {@link #names()} order, each of its shape
   * @param scope where the gradient's flat copy and the update are made
   * @return u of each parameter, in its shape: subtract it from the parameter
   */
  NDList step(
      List<NDArray> gradients,
      double beta1,
      double beta2,
      double epsilon,
      double lr,
      double biasCorrection1,
      double biasCorrection2Sqrt,
      NDManager scope) {
    NDList flat = new NDList(gradients.size());
    for (NDArray g : gradients) {
      flat.add(g.reshape(-1));
    }
    NDArray g = NDArrays.concat(flat, 0); // (N)
    scope.tempAttachAll(m, v);
    m.muli((float) beta1).addi(g.mul((float) (1 - beta1)));
    v.muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
    NDArray denom = v.sqrt().divi((float) biasCorrection2Sqrt).addi((float) epsilon);
    NDArray update = m.div(denom).muli((float) (lr / biasCorrection1)); // (N)
    long[] splits = new long[offsets.length - 1];
    System.arraycopy(offsets, 1, splits, 0, splits.length);
    NDList pieces = update.split(splits, 0);
    NDList shaped = new NDList(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      shaped.add(pieces.get(i).reshape(shapes[i]));
    }
    return shaped;
  }

  @Override
  public void close() {
    m.close();
    v.close();
  }
}
