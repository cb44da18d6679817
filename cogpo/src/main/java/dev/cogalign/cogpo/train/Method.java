package dev.cogalign.cogpo.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a run optimizes. */
public enum Method {
  /** Supervised fine-tuning: mean NLL of the completion tokens. */
  SFT,
  /** Direct preference optimization: sigmoid loss with one beta for every pair. */
  DPO,
  /** Cognitive preference optimization: sigmoid loss with each pair's own beta. */
  COGPO;

  /** Parses {@code sft|dpo|cogpo} in any case, failing with the allowed values. */
  public static Method parse(String value) {
    for (Method m : values()) {
      if (m.name().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw new InvalidTrainingConfigException("method '" + value + "' is not one of " + allowed());
  }

  static String allowed() {
    return Arrays.stream(values())
        .map(m -> m.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining("|"));
  }

  public boolean isPreference() {
    return this != SFT;
  }
}
