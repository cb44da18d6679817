package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DJL block whose parameters carry their full Hugging Face checkpoint names ({@code
 * model.layers.0.self_attn.q_proj.weight}) and their expected shapes.
 *
 * <p>Arrays are set by the loader ({@link DecoderModel#setWeight}); activations are always the
 * receiver of every operation so that intermediates land in the caller's {@code NDManager}, never
 * in the model's.
 */
abstract class ModelBlock extends AbstractBlock {

  private final Map<String, Shape> expectedShapes = new LinkedHashMap<>();

  /** Registers a parameter under its checkpoint name with the shape the checkpoint must have. */
  protected final Parameter parameter(String name, Parameter.Type type, Shape shape) {
    expectedShapes.put(name, shape);
    return addParameter(Parameter.builder().setName(name).setType(type).build());
  }

  /** Expected shapes of the parameters this block registered itself (children not included). */
  Map<String, Shape> expectedShapes() {
    return expectedShapes;
  }

  /** {@code x @ weight^T + bias}, the bias optional. */
  static NDArray linear(NDArray x, Parameter weight, Parameter bias) {
    return linear(x, weight.getArray(), bias == null ? null : bias.getArray());
  }

  /** {@code x @ weight^T + bias}, the bias optional (null). */
  static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
    NDList out = bias == null ? Linear.linear(x, weight) : Linear.linear(x, weight, bias);
    return out.singletonOrThrow();
  }

  /**
   * The arrays of several parameters concatenated along their first axis (stacked projections of
   * one input), attached to {@code scope}: differentiable, each parameter gets its slice of the
   * gradient.
   */
  static NDArray stack(NDManager scope, Parameter... parameters) {
    NDList arrays = new NDList(parameters.length);
    for (Parameter p : parameters) {
      arrays.add(p.getArray());
    }
    NDArray stacked = NDArrays.concat(arrays, 0);
    stacked.attach(scope); // made in the weights' manager; an intermediate like any other
    return stacked;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore parameterStore,
      NDList inputs,
      boolean training,
      PairList<String, Object> params) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " is called through its typed forward method");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return inputShapes;
  }
}
