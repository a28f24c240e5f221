package xtal.grammar.ast;

import java.math.BigDecimal;
import java.math.BigInteger;
import xtal.grammar.Span;

/**
 * A number as written: a decimal ({@code 0.375}, {@code 90}) or a fraction ({@code 1/4}). The text
 * is kept so the printer writes it back unchanged and later stages can read the exact value: a
 * crystal sentence written in the full form does not yet know which of its numbers are fixed by
 * symmetry.
 */
public record Numeral(String text, Span span) {

  public Numeral {
    if (!isNumeral(text)) throw new IllegalArgumentException("not a numeral: " + text);
  }

  /** Decimal digits with an optional fraction part, or two integers separated by '/', denominator ≠ 0. */
  public static boolean isNumeral(String text) {
    if (text == null || text.isEmpty()) return false;
    int slash = text.indexOf('/');
    if (slash >= 0) {
      return slash > 0 && digits(text, 0, slash) == slash
          && digits(text, slash + 1, text.length()) == text.length() - slash - 1
          && text.length() > slash + 1
          && !text.substring(slash + 1).chars().allMatch(c -> c == '0');
    }
    // Hand-written instead of a regex: every number of every parsed sentence passes here.
    int dot = text.indexOf('.');
    if (dot < 0) return digits(text, 0, text.length()) == text.length();
    int before = digits(text, 0, dot), after = digits(text, dot + 1, text.length());
    return before == dot && after == text.length() - dot - 1 && after > 0;
  }

  /** How many ASCII digits {@code text[from, to)} starts with. */
  private static int digits(String text, int from, int to) {
    int i = from;
    while (i < to && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
    return i - from;
  }

  public boolean isFraction() {
    return text.indexOf('/') >= 0;
  }

  /** Numerator of the exact value in lowest terms. */
  public BigInteger numerator() {
    return exact()[0];
  }

  /** Denominator of the exact value in lowest terms (positive). */
  public BigInteger denominator() {
    return exact()[1];
  }

  public double value() {
    int slash = text.indexOf('/');
    if (slash >= 0) {
      return Double.parseDouble(text.substring(0, slash)) / Double.parseDouble(text.substring(slash + 1));
    }
    return Double.parseDouble(text);
  }

  private BigInteger[] exact() {
    BigInteger p, q;
    int slash = text.indexOf('/');
    if (slash >= 0) {
      p = new BigInteger(text.substring(0, slash));
      q = new BigInteger(text.substring(slash + 1));
    } else {
      BigDecimal d = new BigDecimal(text);
      p = d.unscaledValue();
      q = BigInteger.TEN.pow(Math.max(d.scale(), 0));
      if (d.scale() < 0) p = p.multiply(BigInteger.TEN.pow(-d.scale()));
    }
    BigInteger g = p.gcd(q);
    return g.signum() == 0 ? new BigInteger[] {p, q} : new BigInteger[] {p.divide(g), q.divide(g)};
  }

  @Override
  public String toString() {
    return text;
  }
}
