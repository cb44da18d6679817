package dev.cogalign.trainer.job;

import dev.cogalign.cogpo.train.Method;

/** What a job does. */
public enum JobType {
  SFT,
  DPO,
  COGPO,
  EVAL;

  /** The engine's training method; null for EVAL. */
  public Method method() {
    return switch (this) {
      case SFT -> Method.SFT;
      case DPO -> Method.DPO;
      case COGPO -> Method.COGPO;
      case EVAL -> null;
    };
  }
}
