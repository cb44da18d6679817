package dev.cogalign.crv.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cogalign.crv.arith.Rational;
import dev.cogalign.crv.testdata.SharedData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every MATH-500 answer against itself written in equivalent forms (each applicable rewriting rule
 * on its own), and against a perturbed copy that must not be equivalent.
 */
class Math500EquivalenceTest {
  static List<String> answers;

  static final Pattern SIMPLE_FRAC = Pattern.compile("\\\\frac\\{([^{}]+)\\}\\{([^{}]+)\\}");
  static final Pattern INTEGER_FRAC = Pattern.compile("^(-?)\\\\frac\\{(\\d+)\\}\\{(\\d+)\\}$");

  /** Rewriting rules: each returns an equivalent form, or empty when it does not apply. */
  static final Map<String, Function<String, Optional<String>>> RULES = new LinkedHashMap<>();

  static {
    RULES.put("spaces", a -> changed(a, a.replaceAll("([+=,])", " $1 ").replace("  ", " ")));
    RULES.put("dfrac", a -> changed(a, a.replace("\\frac", "\\dfrac")));
    RULES.put(
        "frac to slash",
        a -> {
          Matcher m = SIMPLE_FRAC.matcher(a);
          if (!m.find() || a.substring(0, m.start()).strip().matches(".*\\d")) {
            return Optional.empty();
          }
          return changed(
              a,
              a.substring(0, m.start())
                  + "("
                  + m.group(1)
                  + ")/("
                  + m.group(2)
                  + ")"
                  + a.substring(m.end()));
        });
    RULES.put(
        "decimal to fraction",
        a -> {
          if (!a.matches("-?\\d*\\.\\d+")) {
            return Optional.empty();
          }
          Rational r = Rational.parse(a);
          String sign = r.signum() < 0 ? "-" : "";
          return Optional.of(sign + "\\frac{" + r.numerator().abs() + "}{" + r.denominator() + "}");
        });
    RULES.put(
        "fraction to decimal",
        a -> {
          Matcher m = INTEGER_FRAC.matcher(a);
          if (!m.matches()) {
            return Optional.empty();
          }
          Rational r = Rational.parse(m.group(1) + m.group(2) + "/" + m.group(3));
          return r.isTerminatingDecimal() ? Optional.of(r.toPlainString()) : Optional.empty();
        });
    RULES.put(
        "integer as fraction",
        a ->
            a.matches("-?\\d+")
                ? Optional.of("\\frac{" + Rational.parse(a).multiply(Rational.of(2)) + "}{2}")
                : Optional.empty());
    RULES.put(
        "thousands separators",
        a ->
            a.matches("\\d{4,}")
                ? Optional.of(String.format("%,d", new java.math.BigInteger(a)))
                : Optional.empty());
    RULES.put(
        "left right",
        a ->
            a.startsWith("(") && a.endsWith(")") && !a.contains("\\left")
                ? Optional.of("\\left" + a.substring(0, a.length() - 1) + "\\right)")
                : Optional.empty());
    RULES.put("short sqrt", a -> changed(a, a.replaceAll("\\\\sqrt\\{(\\d)\\}", "\\\\sqrt$1")));
    RULES.put("degree sign", a -> changed(a, a.replace("^\\circ", "°")));
    RULES.put("boxed in dollars", a -> Optional.of("$\\boxed{" + a + "}$"));
    RULES.put(
        "text unwrapped",
        a ->
            a.matches("\\\\text\\{[^{}]*\\}")
                ? Optional.of(a.substring(6, a.length() - 1))
                : Optional.empty());
  }

  static Optional<String> changed(String a, String b) {
    return a.equals(b) ? Optional.empty() : Optional.of(b);
  }

  /**
   * The last digit of the first number moved by one (9 to 0); without digits, a changed word or
   * "+1" appended.
   */
  static String perturb(String a) {
    Matcher number = Pattern.compile("\\d+").matcher(a);
    if (number.find()) {
      int i = number.end() - 1;
      char c = a.charAt(i);
      return a.substring(0, i) + (char) (c == '9' ? '0' : c + 1) + a.substring(i + 1);
    }
    if (a.startsWith("\\text{")) {
      return a.replace("}", "x}");
    }
    return a + "+1";
  }

  @BeforeAll
  static void load() {
    answers =
        SharedData.jsonArray("math500/math500_test.json").stream()
            .map(row -> (String) row.get("answer"))
            .toList();
  }

  @Test
  void everyAnswerIsEquivalentToItsRewritesAndNotToAPerturbedCopy() {
    assertThat(answers).hasSize(500);
    List<String> failures = new ArrayList<>();
    Map<String, Integer> applied = new LinkedHashMap<>();
    int selfEquivalent = 0;
    for (String a : answers) {
      boolean ok = AnswerEquivalence.equivalent(a, a);
      if (!ok) {
        failures.add("not equivalent to itself: " + a);
      }
      for (var rule : RULES.entrySet()) {
        Optional<String> rewritten = rule.getValue().apply(a);
        if (rewritten.isPresent()) {
          applied.merge(rule.getKey(), 1, Integer::sum);
          if (!AnswerEquivalence.equivalent(a, rewritten.get())
              || !AnswerEquivalence.equivalent(rewritten.get(), a)) {
            ok = false;
            failures.add(rule.getKey() + ": " + a + "  vs  " + rewritten.get());
          }
        }
      }
      String wrong = perturb(a);
      if (AnswerEquivalence.equivalent(a, wrong)) {
        ok = false;
        failures.add("perturbed still equivalent: " + a + "  vs  " + wrong);
      }
      if (ok) {
        selfEquivalent++;
      }
    }
    System.out.println("MATH-500 rules applied: " + applied);
    System.out.println(
        "MATH-500 answers passing every rewrite and the perturbation: " + selfEquivalent + "/500");
    failures.forEach(f -> System.out.println("  " + f));
    assertThat(failures).isEmpty();
  }
}
