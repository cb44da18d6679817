package dev.cogalign.pipeline.export;

import dev.cogalign.crv.cot.CalculatorAnnotations;
import dev.cogalign.pipeline.error.BadRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an export does with the GSM8K calculator annotations ({@code <<…>>}) of its CoTs. */
enum Annotations {
  /** As stored. */
  KEEP,
  /** Removed from every CoT ({@link CalculatorAnnotations#strip}); prompts are untouched. */
  STRIP;

  static final String PARAMETER = "annotations";
  static final String DEFAULT = "keep";

  /** The mode named by the query parameter, or a 400 listing the allowed values. */
  static Annotations of(String value) {
    for (Annotations mode : values()) {
      if (mode.name().toLowerCase(Locale.ROOT).equals(value)) {
        return mode;
      }
    }
    throw new BadRequestException(
        PARAMETER,
        "unknown "
            + PARAMETER
            + " '"
            + value
            + "'; allowed: "
            + Arrays.stream(values())
                .map(m -> m.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
  }

  String apply(String cot) {
    return this == STRIP && cot != null ? CalculatorAnnotations.strip(cot) : cot;
  }
}
