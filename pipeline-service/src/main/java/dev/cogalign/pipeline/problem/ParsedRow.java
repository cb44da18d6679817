package dev.cogalign.pipeline.problem;

import dev.cogalign.crv.problem.ProblemInput;

/**
 * A well-formed upload row.
 *
 * @param line the 1-based line of the body where the row starts
 * @param externalId the row's id, or one derived from its content
 */
record ParsedRow(long line, String externalId, ProblemInput input) {}
