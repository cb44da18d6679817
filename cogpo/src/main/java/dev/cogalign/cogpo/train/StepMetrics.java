package dev.cogalign.cogpo.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One optimizer step's metrics under TRL's names: {@code loss}, {@code grad_norm}, {@code
 * learning_rate}, {@code rewards/chosen}, {@code rewards/rejected}, {@code rewards/accuracies},
 * {@code rewards/margins}, {@code logps/chosen}, {@code logps/rejected}, {@code
 * rewards/margins/<MINI_TASK>} (preference methods), {@code tokens_per_second}, {@code epoch}.
 *
 * @param step 1-based optimizer step
 * @param values metric name to value, in a stable order
 */
public record StepMetrics(int step, Map<String, Double> values) {

  public StepMetrics {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public double loss() {
    return values.get("loss");
  }

  /** The value of a metric, failing naming it when absent. */
  public double get(String name) {
    Double v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no metric '" + name + "' at step " + step);
    }
    return v;
  }

  /** {@code step} first, then the values: one line of {@code metrics.jsonl}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", step);
    m.putAll(values);
    return m;
  }
}
