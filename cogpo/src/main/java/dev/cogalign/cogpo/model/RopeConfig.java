package dev.cogalign.cogpo.model;

import dev.cogalign.cogpo.CogpoException;
import java.util.List;

/**
 * Rotary position embedding settings as Hugging Face writes them ({@code rope_theta} and {@code
 * rope_parameters}/{@code rope_scaling}).
 *
 * @param theta the base of the inverse frequencies
 * @param type {@code default} or {@code llama3} (Llama 3.1/3.2 frequency scaling)
 * @param factor llama3: scaling factor
 * @param lowFreqFactor llama3: low frequency factor
 * @param highFreqFactor llama3: high frequency factor
 * @param originalMaxPositions llama3: context length of the unscaled model
 */
public record RopeConfig(
    double theta,
    String type,
    double factor,
    double lowFreqFactor,
    double highFreqFactor,
    int originalMaxPositions) {

  public static final double DEFAULT_THETA = 10000.0;
  public static final String DEFAULT = "default";
  public static final String LLAMA3 = "llama3";
  public static final List<String> SUPPORTED_TYPES = List.of(DEFAULT, LLAMA3);

  public RopeConfig {
    if (!(theta > 0)) {
      throw new CogpoException("rope theta must be positive, got " + theta);
    }
    if (!SUPPORTED_TYPES.contains(type)) {
      throw new CogpoException(
          "unsupported rope type '" + type + "'; supported: " + SUPPORTED_TYPES);
    }
  }

  /** Plain rotary embedding with the given base. */
  public static RopeConfig standard(double theta) {
    return new RopeConfig(theta, DEFAULT, 1, 1, 1, 0);
  }

  /**
   * The inverse frequencies {@code 1 / theta^(2i/headDim)} for i in [0, headDim/2), computed in
   * float32 like transformers, then adjusted for llama3 scaling.
   */
  public float[] inverseFrequencies(int headDim) {
    float[] inv = new float[headDim / 2];
    for (int i = 0; i < inv.length; i++) {
      float exponent = (float) (2 * i) / (float) headDim;
      inv[i] = (float) (1.0 / (float) Math.pow(theta, exponent));
    }
    if (LLAMA3.equals(type)) {
      double lowWavelen = originalMaxPositions / lowFreqFactor;
      double highWavelen = originalMaxPositions / highFreqFactor;
      for (int i = 0; i < inv.length; i++) {
        double wavelen = 2 * Math.PI / inv[i];
        if (wavelen > lowWavelen) {
          inv[i] = (float) (inv[i] / factor);
        } else if (wavelen >= highWavelen) {
          double smooth =
              (originalMaxPositions / wavelen - lowFreqFactor) / (highFreqFactor - lowFreqFactor);
          inv[i] = (float) ((1 - smooth) * inv[i] / factor + smooth * inv[i]);
        }
      }
    }
    return inv;
  }
}
