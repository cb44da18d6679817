package dev.cogalign.crv.agent;

/** The three CogPO mini-tasks of DESIGN.md, each with its own default beta. */
public enum MiniTask {
  /** chosen = verified rewrite fitted to the student, rejected = the original EASY/HARD CoT. */
  ALIGN,
  /** chosen = a MEDIUM original, rejected = a verified-correct but misfitted variant of it. */
  CALIBRATE,
  /** chosen = a verified-correct CoT, rejected = an incorrect one. */
  CORRECT
}
