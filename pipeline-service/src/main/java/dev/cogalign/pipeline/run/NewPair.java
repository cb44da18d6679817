package dev.cogalign.pipeline.run;

import dev.cogalign.crv.agent.MiniTask;

/** A preference pair found for a problem, stored with the problem's outcome. */
record NewPair(MiniTask task, long chosenRevisionId, long rejectedRevisionId, double beta) {}
