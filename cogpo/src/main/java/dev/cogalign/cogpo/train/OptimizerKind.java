package dev.cogalign.cogpo.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which optimizer updates the weights. */
public enum OptimizerKind {
  /** Adam with decoupled weight decay. */
  ADAMW,
  /** Plain SGD: no momentum, no weight decay. */
  SGD;

  /** Parses {@code adamw|sgd} in any case, failing with the allowed values. */
  public static OptimizerKind parse(String value) {
    for (OptimizerKind k : values()) {
      if (k.name().equalsIgnoreCase(value)) {
        return k;
      }
    }
    throw new InvalidTrainingConfigException(
        "optimizer '"
            + value
            + "' is not one of "
            + Arrays.stream(values())
                .map(k -> k.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining("|")));
  }
}
