package dev.cogalign.crv.agent;

/**
 * The critic's judgement of a chain of thought from the student model's point of view.
 *
 * <ul>
 *   <li>{@code EASY}: too terse, skips steps the student needs; the rethinker extends it.
 *   <li>{@code MEDIUM}: fits the student; kept as it is.
 *   <li>{@code HARD}: too long or convoluted for the student; the rethinker simplifies it.
 * </ul>
 */
public enum Verdict {
  EASY,
  MEDIUM,
  HARD
}
