package dev.cogalign.crv.answer;

import dev.cogalign.crv.arith.Rational;
import dev.cogalign.crv.cot.Boxed;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts an answer in a canonical written form: no math delimiters, {@code \boxed}, {@code $}, {@code
 * %}, degree signs, units, thousands separators, LaTeX spacing or trailing period; {@code \dfrac}
 * and {@code \tfrac} become {@code \frac} with braced arguments; plain numbers are written in their
 * shortest decimal form ({@code 18.00} → {@code 18}).
 */
public final class AnswerNormalizer {
  /** Unit words dropped after a number (also inside {@code \text{}}). */
  static final Set<String> UNITS =
      Set.of(
          "dollar",
          "dollars",
          "cent",
          "cents",
          "usd",
          "euro",
          "euros",
          "cm",
          "mm",
          "km",
          "m",
          "meter",
          "meters",
          "metre",
          "metres",
          "centimeter",
          "centimeters",
          "kilometer",
          "kilometers",
          "inch",
          "inches",
          "in",
          "foot",
          "feet",
          "ft",
          "yard",
          "yards",
          "mile",
          "miles",
          "kg",
          "g",
          "gram",
          "grams",
          "kilogram",
          "kilograms",
          "pound",
          "pounds",
          "lb",
          "lbs",
          "ounce",
          "ounces",
          "oz",
          "liter",
          "liters",
          "litre",
          "litres",
          "l",
          "ml",
          "gallon",
          "gallons",
          "second",
          "seconds",
          "sec",
          "minute",
          "minutes",
          "min",
          "hour",
          "hours",
          "hr",
          "hrs",
          "day",
          "days",
          "week",
          "weeks",
          "month",
          "months",
          "year",
          "years",
          "degree",
          "degrees",
          "unit",
          "units",
          "square",
          "sq",
          "cubic",
          "percent",
          "mph",
          "points",
          "point");

  private static final Pattern TEXT_BLOCK =
      Pattern.compile(
          "\\\\(?:text|textbf|textit|mbox|mathrm|mathbf|operatorname)\\s*\\{([^{}]*)\\}");
  private static final Pattern THOUSANDS = Pattern.compile("-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");
  private static final Pattern NUMBER_THEN_WORDS =
      Pattern.compile(
          "(-?(?:\\d[\\d,]*(?:\\.\\d+)?|\\.\\d+)(?:/\\d+)?)\\s*([A-Za-z][A-Za-z .]*?)(?:\\^[23])?\\.?");
  private static final Pattern FRAC_SHORT =
      Pattern.compile("\\\\frac\\s*(\\d|\\{[^{}]*\\})\\s*(\\d|\\{[^{}]*\\})");
  private static final Pattern SQRT_SHORT = Pattern.compile("\\\\sqrt\\s*(\\d+|[a-zA-Z])");

  private AnswerNormalizer() {}

  /** The canonical form; never null (an empty string for a blank answer). */
  public static String normalize(String answer) {
    if (answer == null) {
      return "";
    }
    String s = answer.strip();
    s = unwrap(s);
    s = s.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac");
    s = s.replace("\\left", "").replace("\\right", "");
    s = s.replaceAll("(?<!\\\\)\\\\[!,;:> ]", " ").replace("~", " ");
    s = s.replace("\\$", "").replace("$", "");
    s = s.replace("\\%", "").replace("%", "");
    s = s.replaceAll("\\^\\s*\\{?\\s*\\\\circ\\s*\\}?", "").replace("°", "").replace("\\circ", "");
    s = s.replace("\\displaystyle", "");
    s = s.replace("\\{", "{").replace("\\}", "}");
    s = units(s);
    s = s.replace("\\le ", "\\leq ").replace("\\ge ", "\\geq ");
    s = shortForms(s);
    s = s.replaceAll("[.\\s]+$", "");
    s = s.replaceAll("\\s+", " ").strip();
    s = s.replaceAll("\\s*([-+*/^=,()\\[\\]{}<>|&])\\s*", "$1");
    String compact = s.replace(" ", "");
    if (THOUSANDS.matcher(compact).matches()) {
      s = compact.replace(",", "");
    }
    Rational plain = plainNumber(s);
    if (plain != null) {
      return plain.toPlainString();
    }
    return s;
  }

  /** The value of an answer that is a plain number ({@code 1,234.50}, {@code -3/4}), or null. */
  public static Rational plainNumber(String normalized) {
    if (!normalized.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)(/\\d+)?")) {
      return null;
    }
    return Rational.tryParse(normalized.startsWith("+") ? normalized.substring(1) : normalized);
  }

  private static String unwrap(String s) {
    boolean changed = true;
    while (changed) {
      changed = false;
      String t = s.strip();
      if (t.startsWith("\\boxed{") || t.startsWith("\\fbox{")) {
        String inner = Boxed.last(t).orElse(null);
        if (inner != null
            && t.endsWith("}")
            && t.indexOf('{') + inner.length() + 2 >= t.strip().length() - 1) {
          t = inner;
        }
      }
      for (String[] pair :
          new String[][] {{"$$", "$$"}, {"$", "$"}, {"\\(", "\\)"}, {"\\[", "\\]"}}) {
        if (t.length() >= pair[0].length() + pair[1].length()
            && t.startsWith(pair[0])
            && t.endsWith(pair[1])) {
          t = t.substring(pair[0].length(), t.length() - pair[1].length());
        }
      }
      if (!t.equals(s)) {
        s = t;
        changed = true;
      }
    }
    return s.strip();
  }

  private static String units(String s) {
    Matcher m = TEXT_BLOCK.matcher(s);
    StringBuilder out = new StringBuilder();
    int textBlocks = 0;
    while (m.find()) {
      textBlocks++;
      String inner = m.group(1).strip();
      boolean isUnit = isUnitPhrase(inner);
      boolean alone = s.strip().equals(m.group().strip());
      m.appendReplacement(out, Matcher.quoteReplacement(isUnit && !alone ? " " : inner));
    }
    m.appendTail(out);
    String t = out.toString().strip();
    if (textBlocks > 0) {
      t = t.replaceAll("\\s*\\^\\s*\\{?[23]\\}?$", "");
    }
    Matcher words = NUMBER_THEN_WORDS.matcher(t);
    if (words.matches()
        && (isUnitPhrase(words.group(2))
            || words.group(2).contains(" ")
            || words.group(2).length() > 2)) {
      t = words.group(1);
    }
    return t;
  }

  private static boolean isUnitPhrase(String phrase) {
    String p = phrase.strip().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
    if (p.isEmpty()) {
      return true;
    }
    for (String word : p.split("\\s+")) {
      if (!UNITS.contains(word)) {
        return false;
      }
    }
    return true;
  }

  private static String shortForms(String s) {
    String prev;
    do {
      prev = s;
      s =
          FRAC_SHORT
              .matcher(s)
              .replaceAll(
                  m ->
                      Matcher.quoteReplacement("\\frac" + braced(m.group(1)) + braced(m.group(2))));
    } while (!s.equals(prev));
    return SQRT_SHORT
        .matcher(s)
        .replaceAll(m -> Matcher.quoteReplacement("\\sqrt{" + m.group(1) + "}"));
  }

  private static String braced(String arg) {
    return arg.startsWith("{") ? arg : "{" + arg + "}";
  }
}
