package dev.cogalign.cogpo.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.cogalign.cogpo.model.NoGrad;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter), computed as {@code torch.optim.AdamW}
 * does. Per parameter p with gradient g, at its step t:
 *
 * <pre>
 * p ← p·(1 − lr·λ)                      (decoupled decay, skipped for biases and norm weights)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * p ← p − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * The state (m, v, t per parameter name) is saved and restored exactly, so a resumed run continues
 * bit for bit. Biases and normalisation weights are not decayed, as transformers' Trainer does.
 */
public final class AdamW implements Optimizer {

  public static final double DEFAULT_BETA1 = 0.9;
  public static final double DEFAULT_BETA2 = 0.999;
  public static final double DEFAULT_EPSILON = 1e-8;

  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final double weightDecay;
  private final NDManager manager;
  private final Map<String, State> states = new LinkedHashMap<>();
  private FlatMoments flat; // the float32 parameters' moments, once they have stepped together

  /**
   * First and second moment estimates and the step count of one parameter, and for a parameter held
   * in lower precision (bf16 on a GPU) its float32 master copy, which takes the updates that bf16
   * alone would round away; the parameter is the master rounded after every step.
   */
  private record State(NDArray m, NDArray v, int[] step, NDArray master) {}

  public AdamW(NDManager parent, double weightDecay) {
    this(parent, weightDecay, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
  }

  public AdamW(NDManager parent, double weightDecay, double beta1, double beta2, double epsilon) {
    if (!(weightDecay >= 0)) {
      throw new IllegalArgumentException("weight decay " + weightDecay + " must be >= 0");
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
      throw new IllegalArgumentException(
          "betas " + beta1 + ", " + beta2 + " must be in [0, 1) and epsilon " + epsilon + " > 0");
    }
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
    this.weightDecay = weightDecay;
    this.manager = parent.newSubManager();
  }

  /** Whether weight decay applies to the parameter of this Hugging Face name. */
  public static boolean decays(String name) {
    return !name.endsWith("bias") && !name.contains("norm");
  }

  @Override
  public void step(Map<String, NDArray> parameters, double lr) {
    try (NoGrad ignored = NoGrad.enter()) { // in-place on leaves: no graph, on any thread
      update(parameters, lr);
    }
  }

  private void update(Map<String, NDArray> parameters, double lr) {
    Map<String, NDArray> grouped = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray p = e.getValue();
      if (!p.hasGradient()) {
        continue;
      }
      NDArray grad = p.getGradient();
      State s = states.computeIfAbsent(e.getKey(), name -> newState(p, grad.getDataType()));
      if (s.master() == null && grad.getDataType() == DataType.FLOAT32) {
        grouped.put(e.getKey(), grad); // stepped together below
        continue;
      }
      updateOne(e.getKey(), p, grad, s, lr);
    }
    if (!grouped.isEmpty()) {
      updateGroup(parameters, grouped, lr);
    }
  }

  /**
   * The float32 parameters, stepped together over flat moment buffers ({@link FlatMoments}): the
   * same arithmetic as {@link #updateOne}, element for element, in a few engine calls per
   * parameter. Parameters whose step counts differ (a state restored for only some of them) are
   * stepped one by one.
   */
  private void updateGroup(
      Map<String, NDArray> parameters, Map<String, NDArray> gradients, double lr) {
    List<String> names = List.copyOf(gradients.keySet());
    int t = states.get(names.get(0)).step()[0] + 1;
    if (names.stream().anyMatch(n -> states.get(n).step()[0] + 1 != t)) {
      gradients.forEach((n, g) -> updateOne(n, parameters.get(n), g, states.get(n), lr));
      return;
    }
    if (flat == null || !flat.names().equals(names)) {
      regroup(names);
    }
    try (NDManager scope = manager.newSubManager()) {
      scope.attachAll(gradients.values().toArray(new NDArray[0]));
      for (String n : names) {
        states.get(n).step()[0] = t;
        if (weightDecay > 0 && decays(n)) {
          parameters.get(n).muli((float) (1 - lr * weightDecay)); // p ← p·(1 − lr·λ)
        }
      }
      NDList updates =
          flat.step(
              List.copyOf(gradients.values()),
              beta1,
              beta2,
              epsilon,
              lr,
              1 - Math.pow(beta1, t),
              Math.sqrt(1 - Math.pow(beta2, t)),
              scope);
      for (int i = 0; i < names.size(); i++) {
        parameters.get(names.get(i)).subi(updates.get(i));
      }
    }
  }

  /** Moves the moments of these parameters into flat buffers; their states become views. */
  private void regroup(List<String> names) {
    FlatMoments previous = flat;
    List<State> old = names.stream().map(states::get).toList();
    flat =
        new FlatMoments(
            names,
            old.stream().map(State::m).toList(),
            old.stream().map(State::v).toList(),
            manager);
    for (int i = 0; i < names.size(); i++) {
      State s = old.get(i);
      s.m().close();
      s.v().close();
      states.put(names.get(i), new State(flat.m(i), flat.v(i), s.step(), null));
    }
    if (previous != null) {
      previous.close();
    }
  }

  /** One parameter's step: half precision (through its float32 master) or out of the group. */
  private void updateOne(String name, NDArray p, NDArray grad, State s, double lr) {
    int t = ++s.step()[0];
    try (NDManager scope = manager.newSubManager()) {
      scope.attachAll(grad);
      NDArray target = s.master() == null ? p : s.master();
      scope.tempAttachAll(target, s.m(), s.v());
      NDArray g =
          grad.getDataType() == DataType.FLOAT32 ? grad : grad.toType(DataType.FLOAT32, false);
      if (weightDecay > 0 && decays(name)) {
        target.muli((float) (1 - lr * weightDecay));
      }
      s.m().muli((float) beta1).addi(g.mul((float) (1 - beta1)));
      s.v().muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
      double biasCorrection1 = 1 - Math.pow(beta1, t);
      double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
      NDArray denom = s.v().sqrt().divi((float) biasCorrection2Sqrt).addi((float) epsilon);
      target.subi(s.m().div(denom).muli((float) (lr / biasCorrection1)));
      if (s.master() != null) {
        // p ← master rounded, in place so that p stays the same trainable leaf
        p.muli(0f).addi(s.master().toType(grad.getDataType(), false));
      }
    }
  }

  /** Moments in float32; a master copy when the parameter (its gradient's dtype) is not. */
  private State newState(NDArray p, DataType dtype) {
    NDArray m = manager.zeros(p.getShape(), DataType.FLOAT32);
    NDArray v = manager.zeros(p.getShape(), DataType.FLOAT32);
    NDArray master = null;
    if (dtype != DataType.FLOAT32) {
      master = p.toType(DataType.FLOAT32, true);
      master.attach(manager);
    }
    return new State(m, v, new int[] {0}, master);
  }

  /** The step count of a parameter (0 before its first update). */
  public int stepOf(String name) {
    State s = states.get(name);
    return s == null ? 0 : s.step()[0];
  }

  @Override
  public void save(Path file) throws IOException {
    NDList arrays = new NDList();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
        DataOutputStream data = new DataOutputStream(out)) {
      data.writeInt(states.size());
      for (Map.Entry<String, State> e : states.entrySet()) {
        data.writeUTF(e.getKey());
        data.writeInt(e.getValue().step()[0]);
        data.writeBoolean(e.getValue().master() != null);
        arrays.add(e.getValue().m());
        arrays.add(e.getValue().v());
        if (e.getValue().master() != null) {
          arrays.add(e.getValue().master());
        }
      }
      arrays.encode(data);
    }
  }

  @Override
  public void load(Path file) throws IOException {
    states
        .values()
        .forEach(
            s -> {
              s.m().close();
              s.v().close();
            });
    states.clear();
    if (flat != null) {
      flat.close(); // restored moments are regrouped at the next step
      flat = null;
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
        DataInputStream data = new DataInputStream(in)) {
      int n = data.readInt();
      String[] names = new String[n];
      int[] steps = new int[n];
      boolean[] masters = new boolean[n];
      for (int i = 0; i < n; i++) {
        names[i] = data.readUTF();
        steps[i] = data.readInt();
        masters[i] = data.readBoolean();
      }
      NDList arrays = NDList.decode(manager, data);
      int k = 0;
      for (int i = 0; i < n; i++) {
        NDArray m = arrays.get(k++);
        NDArray v = arrays.get(k++);
        NDArray master = masters[i] ? arrays.get(k++) : null;
        states.put(names[i], new State(m, v, new int[] {steps[i]}, master));
      }
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
