package dev.cogalign.crv.rules;

import dev.cogalign.crv.agent.AgentException;
import dev.cogalign.crv.agent.NothingToRewriteException;
import dev.cogalign.crv.agent.StudentProfile;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotStep;
import java.util.ArrayList;
import java.util.List;

/**
 * Simplifies a too-long CoT: drops restating steps (lines that only repeat known numbers, or copy a
 * known result), merges steps that compute nothing new into the next step, and, while the CoT is
 * still longer than the student's maximum, merges a statement without numbers into the step after
 * it and adjacent calculations whose operations together stay within the student's limit. The last
 * step is kept when the CoT states no {@code ####} answer (its last number is the answer).
 */
final class Simplifier {
  private Simplifier() {}

  static Cot simplify(Cot cot, String question, StudentProfile profile) {
    List<StepMetrics> metrics = StepMetrics.of(cot, question);
    boolean keepLast = cot.finalAnswer() == null;
    List<CotStep> out = new ArrayList<>();
    String carry = null;
    boolean changed = false;
    for (int i = 0; i < metrics.size(); i++) {
      StepMetrics m = metrics.get(i);
      boolean last = i == metrics.size() - 1;
      if (m.trivial() && !(last && keepLast)) {
        changed = true;
        if (m.restatement()) {
          continue;
        }
        String plain = m.step().plainText();
        if (!last) {
          carry = carry == null ? plain : carry + " " + plain;
        } else if (!out.isEmpty()) {
          CotStep previous = out.remove(out.size() - 1);
          out.add(CotStep.of(previous.text() + " " + plain));
        } else {
          out.add(CotStep.of(plain));
        }
        continue;
      }
      String text = carry == null ? m.step().text() : carry + " " + m.step().text();
      carry = null;
      out.add(CotStep.of(text));
    }
    if (carry != null) {
      out.add(CotStep.of(carry));
    }
    if (out.size() > profile.maxSteps()) {
      changed |= mergeStatements(out, profile);
    }
    if (!changed) {
      throw new NothingToRewriteException(
          "nothing to simplify: no trivial or restating step, and no steps can be merged within "
              + profile.maxOperationsPerStep()
              + " operation(s) per step");
    }
    if (out.isEmpty()) {
      throw new AgentException("simplifying would leave no step");
    }
    return cot.withSteps(out);
  }

  /** Merges numberless statements into the next step, then calculations that fit together. */
  private static boolean mergeStatements(List<CotStep> steps, StudentProfile profile) {
    boolean changed = false;
    for (int i = 0; i + 1 < steps.size() && steps.size() > profile.maxSteps(); ) {
      CotStep a = steps.get(i);
      CotStep b = steps.get(i + 1);
      boolean statement = a.annotations().isEmpty() && StepText.numbers(a.text()).isEmpty();
      boolean fits =
          !a.annotations().isEmpty()
              && !b.annotations().isEmpty()
              && a.operationCount() + b.operationCount() <= profile.maxOperationsPerStep();
      if (statement || fits) {
        steps.set(i, CotStep.of(a.text() + " " + b.text()));
        steps.remove(i + 1);
        changed = true;
      } else {
        i++;
      }
    }
    return changed;
  }
}
