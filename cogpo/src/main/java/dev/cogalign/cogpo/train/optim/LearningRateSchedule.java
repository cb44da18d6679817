package dev.cogalign.cogpo.train.optim;

/**
 * Linear warm-up from 0 to the peak rate, then cosine decay to 0 at the last step, as transformers'
 * {@code get_cosine_schedule_with_warmup} computes it: step s (0-based, the number of optimizer
 * steps already taken) gets peak·s/w during warm-up (so the first step of a warm-up runs at rate 0,
 * as there) and peak·½(1 + cos(π·(s − w)/(S − w))) after it.
 *
 * @param peak the peak learning rate
 * @param warmupSteps w
 * @param totalSteps S, the run's optimizer steps
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps) {

  public LearningRateSchedule {
    if (!(peak >= 0) || Double.isInfinite(peak)) {
      throw new IllegalArgumentException("learning rate " + peak + " must be finite and >= 0");
    }
    if (warmupSteps < 0 || totalSteps < 1) {
      throw new IllegalArgumentException(
          "warm-up " + warmupSteps + " and total " + totalSteps + " steps must be >= 0 and >= 1");
    }
  }

  /** The learning rate of optimizer step {@code step} (0-based). */
  public double at(int step) {
    if (step < warmupSteps) {
      return peak * step / Math.max(1, warmupSteps);
    }
    double progress = (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
    return peak * Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * progress)));
  }
}
