package dev.cogalign.pipeline.revision;

/** Spring Data's view of {@code crv.verification}: reads ({@link StepRows}). */
interface VerificationRows extends StepRows<VerificationEntity> {}
