package dev.cogalign.crv.problem;

/**
 * One problem as submitted: the question, its gold answer, the teacher's chain of thought (may be
 * null when none was given) and where it came from.
 *
 * @param externalId the id the client gave it, unique within its dataset; null to derive one from
 *     the question's content
 * @param domain {@code arithmetic}, {@code math} or a client's own label
 */
public record ProblemInput(
    String externalId, String question, String goldAnswer, String cot, String domain) {

  public ProblemInput {
    if (question == null || question.isBlank()) {
      throw new IllegalArgumentException("question is missing");
    }
    if (goldAnswer == null || goldAnswer.isBlank()) {
      throw new IllegalArgumentException("answer is missing");
    }
  }
}
