package dev.cogalign.pipeline.run;

import dev.cogalign.pipeline.problem.Problem;
import dev.cogalign.pipeline.revision.Revision;

/**
 * What a worker starts a problem from: the problem and its teacher CoT (null when it has none),
 * read by the run's coordinator for a batch of problems at once.
 */
record ProblemInput(Problem problem, Revision teacher) {}
