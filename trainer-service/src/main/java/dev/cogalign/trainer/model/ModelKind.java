package dev.cogalign.trainer.model;

/** Where a model came from: registered as a folder, or trained by a job of that type. */
public enum ModelKind {
  BASE,
  SFT,
  DPO,
  COGPO
}
