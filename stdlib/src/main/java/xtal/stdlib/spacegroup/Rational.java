package xtal.stdlib.spacegroup;

/**
 * An exact rational number {@code num/den}, always normalized: lowest terms, {@code den > 0},
 * zero is {@code 0/1}. Fixed Wyckoff coordinates (1/4, 1/3, 5/8…) are compared with these, never
 * with floating point equality.
 */
public record Rational(long num, long den) implements Comparable<Rational> {

  public static final Rational ZERO = new Rational(0, 1);
  public static final Rational ONE = new Rational(1, 1);

  public Rational {
    if (den == 0) throw new ArithmeticException("zero denominator");
    if (den < 0) {
      num = -num;
      den = -den;
    }
    long g = gcd(Math.abs(num), den);
    if (g > 1) {
      num /= g;
      den /= g;
    }
    if (num == 0) den = 1;
  }

  public static Rational of(long n) {
    return new Rational(n, 1);
  }

  public static Rational of(long num, long den) {
    return new Rational(num, den);
  }

  /** Parses {@code 3}, {@code -1/4}, {@code 1/2}. */
  public static Rational parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    try {
      if (slash < 0) return of(Long.parseLong(t));
      return of(Long.parseLong(t.substring(0, slash).strip()), Long.parseLong(t.substring(slash + 1).strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a rational number: '" + text + "'");
    }
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a == 0 ? 1 : a;
  }

  public Rational add(Rational o) {
    return new Rational(Math.addExact(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den)), Math.multiplyExact(den, o.den));
  }

  public Rational subtract(Rational o) {
    return add(o.negate());
  }

  public Rational multiply(Rational o) {
    return new Rational(Math.multiplyExact(num, o.num), Math.multiplyExact(den, o.den));
  }

  public Rational multiply(long k) {
    return new Rational(Math.multiplyExact(num, k), den);
  }

  public Rational negate() {
    return new Rational(-num, den);
  }

  /** The representative of this number modulo 1 in [0, 1). */
  public Rational mod1() {
    return new Rational(Math.floorMod(num, den), den);
  }

  public boolean isInteger() {
    return den == 1;
  }

  public boolean isZero() {
    return num == 0;
  }

  public int signum() {
    return Long.signum(num);
  }

  public double toDouble() {
    return (double) num / den;
  }

  @Override
  public int compareTo(Rational o) {
    return Long.compare(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den));
  }

  /** {@code 0}, {@code 1/4}, {@code -3/2}: the form the space-group tables use. */
  @Override
  public String toString() {
    return den == 1 ? Long.toString(num) : num + "/" + den;
  }
}
