package dev.cogalign.crv.rules;

import dev.cogalign.crv.answer.AnswerEquivalence;
import dev.cogalign.crv.answer.AnswerExtractor;
import dev.cogalign.crv.answer.AnswerNormalizer;
import dev.cogalign.crv.arith.ArithmeticExpression;
import dev.cogalign.crv.arith.Expr;
import dev.cogalign.crv.arith.Rational;
import dev.cogalign.crv.cot.Annotation;
import dev.cogalign.crv.cot.Cot;
import dev.cogalign.crv.cot.CotParser;
import dev.cogalign.crv.cot.CotRenderer;
import dev.cogalign.crv.cot.CotStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;

/**
 * Makes an incorrect variant of a correct CoT, the rejected side of CORRECT pairs. One annotation's
 * result is replaced by a wrong value (chosen by the seed), and the error is carried forward: every
 * later annotation using that value is recomputed with the wrong one (its visible calculation and
 * result rewritten too), and so is the final answer. When the seed's annotation does not reach the
 * answer the next one is tried; a CoT without usable annotations gets its last number (and {@code
 * ####} answer) corrupted. The same CoT and seed give the same variant.
 */
public final class CotPerturber {
  private CotPerturber() {}

  /** The perturbed CoT text, rendered in GSM8K form. */
  public static String perturb(String cot, long seed) {
    return CotRenderer.render(perturb(CotParser.parse(cot), seed));
  }

  /**
   * The perturbed CoT, whose final answer differs from the original's.
   *
   * @throws IllegalArgumentException when the CoT holds no number to corrupt
   */
  public static Cot perturb(Cot cot, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String answer = AnswerExtractor.extract(CotRenderer.render(cot)).orElse(null);
    List<int[]> candidates = new ArrayList<>();
    for (int i = 0; i < cot.steps().size(); i++) {
      List<Annotation> annotations = cot.steps().get(i).annotations();
      for (int j = 0; j < annotations.size(); j++) {
        if (Rational.tryParse(annotations.get(j).value()) != null
            && annotations.get(j).check().computed() != null) {
          candidates.add(new int[] {i, j});
        }
      }
    }
    if (!candidates.isEmpty()) {
      int start = random.nextInt(candidates.size());
      for (int k = 0; k < candidates.size(); k++) {
        int[] at = candidates.get((start + k) % candidates.size());
        Cot variant = propagate(cot, at[0], at[1], random);
        String changed = AnswerExtractor.extract(CotRenderer.render(variant)).orElse(null);
        if (answer == null || !AnswerEquivalence.equivalent(answer, changed)) {
          return variant;
        }
      }
    }
    return corruptLastNumber(cot, random);
  }

  private static Cot propagate(
      Cot cot, int stepIndex, int annotationIndex, SplittableRandom random) {
    List<String> texts = new ArrayList<>(cot.steps().stream().map(CotStep::text).toList());
    Annotation target = cot.steps().get(stepIndex).annotations().get(annotationIndex);
    Rational old = Rational.parse(target.value());
    Rational wrong = wrongValue(old, random);
    Map<Rational, Rational> changes = new HashMap<>();
    changes.put(old, wrong);
    Annotation broken = new Annotation(target.expression(), wrong.toPlainString());
    texts.set(stepIndex, StepText.replaceAnnotation(texts.get(stepIndex), target, broken, null));
    for (int i = stepIndex; i < texts.size(); i++) {
      List<Annotation> annotations = Annotation.findIn(texts.get(i));
      int from = i == stepIndex ? annotationIndex + 1 : 0;
      for (int j = from; j < annotations.size(); j++) {
        Annotation a = annotations.get(j);
        Annotation updated = substitute(a, changes);
        if (updated != null) {
          Expr root = ArithmeticExpression.parse(updated.expression()).root();
          texts.set(
              i, StepText.replaceAnnotation(texts.get(i), a, updated, StepText.visible(root)));
        }
      }
    }
    String finalAnswer = cot.finalAnswer();
    if (finalAnswer != null) {
      Rational value = AnswerNormalizer.plainNumber(AnswerNormalizer.normalize(finalAnswer));
      if (value != null) {
        finalAnswer = followAnswer(cot, texts, value, changes, finalAnswer);
      }
    }
    return new Cot(texts.stream().map(CotStep::of).toList(), finalAnswer, cot.think());
  }

  /**
   * The final answer after the change: the new result of the last annotation that produced it, or
   * its changed value, or itself when the change did not reach it.
   */
  private static String followAnswer(
      Cot cot, List<String> texts, Rational answer, Map<Rational, Rational> changes, String kept) {
    List<Annotation> before = cot.annotations();
    List<Annotation> after = new ArrayList<>();
    texts.forEach(t -> after.addAll(Annotation.findIn(t)));
    for (int k = before.size() - 1; k >= 0 && before.size() == after.size(); k--) {
      if (answer.equals(Rational.tryParse(before.get(k).value()))) {
        Rational now = Rational.tryParse(after.get(k).value());
        return now == null ? kept : now.toPlainString();
      }
    }
    Rational changed = changes.get(answer);
    return changed == null ? kept : changed.toPlainString();
  }

  /** The annotation recomputed with changed operands, or null when it uses none of them. */
  private static Annotation substitute(Annotation a, Map<Rational, Rational> changes) {
    Expr root;
    Rational before;
    try {
      root = ArithmeticExpression.parse(a.expression()).root();
      before = Rational.parse(a.value());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return null;
    }
    boolean[] used = {false};
    Expr replaced = replaceLiterals(root, changes, used);
    if (!used[0]) {
      return null;
    }
    Rational after;
    try {
      after = replaced.evaluate();
    } catch (ArithmeticException e) {
      return null;
    }
    Rational written = after.isTerminatingDecimal() ? after : after.round(2);
    if (!written.equals(before)) {
      changes.putIfAbsent(before, written);
    }
    return new Annotation(replaced.render(), written.toPlainString());
  }

  private static Expr replaceLiterals(Expr e, Map<Rational, Rational> changes, boolean[] used) {
    if (e instanceof Expr.Num n) {
      Rational to = changes.get(n.value());
      if (to != null) {
        used[0] = true;
        return Expr.Num.of(to);
      }
      return n;
    }
    if (e instanceof Expr.Neg neg) {
      return new Expr.Neg(replaceLiterals(neg.operand(), changes, used));
    }
    Expr.Binary b = (Expr.Binary) e;
    return new Expr.Binary(
        b.op(),
        replaceLiterals(b.left(), changes, used),
        replaceLiterals(b.right(), changes, used));
  }

  /** A plausible wrong value: off by one, by ten, doubled, or off by a small amount. */
  static Rational wrongValue(Rational value, SplittableRandom random) {
    Rational wrong;
    do {
      wrong =
          switch (random.nextInt(4)) {
            case 0 -> value.add(Rational.ONE);
            case 1 -> value.subtract(Rational.ONE);
            case 2 -> value.add(Rational.of(10));
            default ->
                value.signum() == 0
                    ? Rational.of(2 + random.nextInt(8))
                    : value.multiply(Rational.of(2));
          };
    } while (wrong.equals(value));
    return wrong;
  }

  private static Cot corruptLastNumber(Cot cot, SplittableRandom random) {
    List<CotStep> steps = new ArrayList<>(cot.steps());
    String finalAnswer = cot.finalAnswer();
    Rational answerValue =
        finalAnswer == null
            ? null
            : AnswerNormalizer.plainNumber(AnswerNormalizer.normalize(finalAnswer));
    for (int i = steps.size() - 1; i >= 0; i--) {
      String text = steps.get(i).text();
      String plain = Annotation.strip(text);
      if (!plain.equals(text)) {
        continue;
      }
      Matcher m = StepText.NUMBER.matcher(text);
      int start = -1;
      int end = -1;
      while (m.find()) {
        start = m.start();
        end = m.end();
      }
      if (start >= 0) {
        Rational old = Rational.parse(text.substring(start, end));
        Rational wrong = wrongValue(old, random);
        steps.set(
            i, CotStep.of(text.substring(0, start) + wrong.toPlainString() + text.substring(end)));
        if (answerValue != null) {
          finalAnswer =
              (answerValue.equals(old) ? wrong : wrongValue(answerValue, random)).toPlainString();
        }
        return new Cot(steps, finalAnswer, cot.think());
      }
    }
    if (answerValue != null) {
      return new Cot(steps, wrongValue(answerValue, random).toPlainString(), cot.think());
    }
    throw new IllegalArgumentException("the CoT holds no number to corrupt");
  }
}
