package dev.cogalign.crv.curriculum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates one word problem: a person starts with some items and does 2 to 4 one-operation steps
 * to them (buy or lose some, double or triple them, keep an exact fraction, buy or sell packs of
 * several — a multiplication and an addition or subtraction). Every value, intermediate result and
 * operand stays between 2 and the maximum value; divisions are exact; no calculation is repeated,
 * so that the extended CoT has one line per step.
 *
 * <p>The teacher CoT packs up to {@link #MAX_OPERATIONS_PER_SENTENCE} operations into one
 * calculator-annotated sentence, as a large model writes GSM8K solutions ({@code He has (17+5)*2-3
 * = <<(17+5)*2-3=41>>41 apples.}), so it is too terse for a one-operation student and its extension
 * has one line per step.
 */
final class WordProblems {
  static final int MIN_STEPS = 2;
  static final int MAX_STEPS = 4;
  static final int MAX_OPERATIONS_PER_SENTENCE = 3;

  private record Person(String name, String pronoun) {}

  /** One action of the story as it enters the teacher's expression. */
  private record Segment(char op, String operand, int operations) {}

  private static final List<Person> PEOPLE =
      List.of(
          new Person("Tom", "he"),
          new Person("Ann", "she"),
          new Person("Sam", "he"),
          new Person("Mia", "she"),
          new Person("Ben", "he"),
          new Person("Eva", "she"),
          new Person("Leo", "he"),
          new Person("Zoe", "she"),
          new Person("Max", "he"),
          new Person("Ivy", "she"));
  private static final List<String> ITEMS =
      List.of(
          "apples", "pens", "cards", "eggs", "books", "coins", "cookies", "shells", "stamps",
          "marbles");
  private static final List<String> OPENINGS = List.of("%s has %d %s.", "%s starts with %d %s.");
  private static final List<String> ADD = List.of("buys %d more", "finds %d more", "gets %d more");
  private static final List<String> SUB = List.of("loses %d", "gives away %d", "uses %d");
  private static final List<String> FRACTION =
      List.of("", "", "half", "a third", "a quarter", "a fifth");

  private WordProblems() {}

  static CurriculumProblem generate(SplittableRandom rng, int maxValue) {
    int steps = rng.nextInt(MIN_STEPS, MAX_STEPS + 1);
    Person person = PEOPLE.get(rng.nextInt(PEOPLE.size()));
    String item = ITEMS.get(rng.nextInt(ITEMS.size()));
    int start = rng.nextInt(5, Math.min(40, maxValue) + 1);
    int value = start;
    int done = 0;
    List<String> actions = new ArrayList<>();
    List<Segment> segments = new ArrayList<>();
    Set<String> computed = new HashSet<>();
    while (done < steps) {
      boolean twoLeft = steps - done >= 2;
      int kind = rng.nextInt(twoLeft ? 6 : 4);
      switch (kind) {
        case 0 -> {
          int m = rng.nextInt(1, 21);
          if (value + m > maxValue || !computed.add(value + "+" + m)) {
            continue;
          }
          actions.add(String.format(pick(rng, ADD), m));
          segments.add(new Segment('+', Integer.toString(m), 1));
          value += m;
        }
        case 1 -> {
          if (value < 4) {
            continue;
          }
          int m = rng.nextInt(1, Math.min(20, value - 2) + 1);
          if (!computed.add(value + "-" + m)) {
            continue;
          }
          actions.add(String.format(pick(rng, SUB), m));
          segments.add(new Segment('-', Integer.toString(m), 1));
          value -= m;
        }
        case 2 -> {
          int m = rng.nextInt(2, 4);
          if (value * m > maxValue || !computed.add(value + "*" + m)) {
            continue;
          }
          actions.add(m == 2 ? "doubles them" : "triples them");
          segments.add(new Segment('*', Integer.toString(m), 1));
          value *= m;
        }
        case 3 -> {
          int m = rng.nextInt(2, 6);
          if (value % m != 0 || value / m < 2 || !computed.add(value + "/" + m)) {
            continue;
          }
          actions.add("keeps " + FRACTION.get(m) + " of them");
          segments.add(new Segment('/', Integer.toString(m), 1));
          value /= m;
        }
        default -> {
          int packs = rng.nextInt(2, 6);
          int each = rng.nextInt(2, 10);
          int total = packs * each;
          boolean sell = kind == 5;
          if ((sell ? total > value - 2 : value + total > maxValue)
              || computed.contains(packs + "*" + each)
              || computed.contains(value + (sell ? "-" : "+") + total)) {
            continue;
          }
          computed.add(packs + "*" + each);
          computed.add(value + (sell ? "-" : "+") + total);
          actions.add(
              sell
                  ? "sells " + packs + " packs of " + each
                  : "buys " + packs + " boxes of " + each);
          segments.add(new Segment(sell ? '-' : '+', packs + "*" + each, 2));
          value += sell ? -total : total;
        }
      }
      done += segments.get(segments.size() - 1).operations();
    }
    String question =
        String.format(pick(rng, OPENINGS), person.name(), start, item)
            + " "
            + capitalize(person.pronoun())
            + " "
            + join(actions)
            + ". "
            + (rng.nextBoolean() ? "How many now?" : "How many " + item + " now?");
    String answer = Integer.toString(value);
    return new CurriculumProblem(
        question, teacherCot(start, segments, person, item) + "#### " + answer, answer, steps);
  }

  /** Sentences of up to three operations each, every one with its calculator annotation. */
  private static String teacherCot(int start, List<Segment> segments, Person person, String item) {
    StringBuilder cot = new StringBuilder();
    String expression = Integer.toString(start);
    boolean sum = false;
    int operations = 0;
    long value = start;
    for (Segment s : segments) {
      if (operations > 0 && operations + s.operations() > MAX_OPERATIONS_PER_SENTENCE) {
        sentence(cot, expression, value, person, item);
        expression = Long.toString(value);
        sum = false;
        operations = 0;
      }
      if (s.op() == '+' || s.op() == '-') {
        expression = expression + s.op() + s.operand();
        sum = true;
      } else {
        expression = (sum ? "(" + expression + ")" : expression) + s.op() + s.operand();
      }
      value = apply(value, s);
      operations += s.operations();
    }
    sentence(cot, expression, value, person, item);
    return cot.toString();
  }

  private static void sentence(
      StringBuilder cot, String expression, long value, Person person, String item) {
    String subject = cot.isEmpty() ? capitalize(person.pronoun()) : "Then " + person.pronoun();
    cot.append(subject)
        .append(" has ")
        .append(expression)
        .append(" = <<")
        .append(expression)
        .append('=')
        .append(value)
        .append(">>")
        .append(value)
        .append(' ')
        .append(item)
        .append(".\n");
  }

  private static long apply(long value, Segment s) {
    String[] factors = s.operand().split("\\*");
    long operand = 1;
    for (String f : factors) {
      operand *= Long.parseLong(f);
    }
    return switch (s.op()) {
      case '+' -> value + operand;
      case '-' -> value - operand;
      case '*' -> value * operand;
      default -> value / operand;
    };
  }

  private static String join(List<String> actions) {
    int last = actions.size() - 1;
    return last == 0
        ? actions.get(0)
        : String.join(", ", actions.subList(0, last)) + " and " + actions.get(last);
  }

  private static String pick(SplittableRandom rng, List<String> options) {
    return options.get(rng.nextInt(options.size()));
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }
}
