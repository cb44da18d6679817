package dev.cogalign.cogpo.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
    NDList out =
        bias == null
            ? Linear.linear(x, weight.getArray())
            : Linear.linear(x, weight.getArray(), bias.getArray());
    return out.singletonOrThrow();
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
