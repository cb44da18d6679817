package dev.cogalign.crv.agent;

/** Where a CoT revision came from. */
public enum RevisionOrigin {
  /** Written by the large teacher model, as submitted. */
  TEACHER,
  /** The rethinker extended a too-terse CoT. */
  EXTENDED,
  /** The rethinker simplified a too-hard CoT. */
  SIMPLIFIED,
  /** A deliberately corrupted CoT, used as a rejected completion. */
  PERTURBED,
  /** Written by the student model. */
  STUDENT
}
