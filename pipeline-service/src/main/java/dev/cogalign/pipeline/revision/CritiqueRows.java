package dev.cogalign.pipeline.revision;

/** Spring Data's view of {@code crv.critique}: reads ({@link StepRows}). */
interface CritiqueRows extends StepRows<CritiqueEntity> {}
