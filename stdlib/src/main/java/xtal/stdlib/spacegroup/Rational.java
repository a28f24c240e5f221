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
    if (num == Long.MIN_VALUE || den == Long.MIN_VALUE) {
      // the one long without a negation: reduce exactly, then it must fit
      java.math.BigInteger n = java.math.BigInteger.valueOf(num), d = java.math.BigInteger.valueOf(den);
      java.math.BigInteger g = n.gcd(d);
      if (d.signum() < 0) g = g.negate();
      n = n.divide(g);
      d = d.divide(g);
      if (n.bitLength() > 63 || d.bitLength() > 63) throw new ArithmeticException("rational " + num + "/" + den + " overflows a long");
      num = n.longValue();
      den = d.longValue();
    }
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

  /** Exact; {@link ArithmeticException} only when the reduced result does not fit a long. */
  public Rational add(Rational o) {
    // over the least common denominator, so 1e-12-grid numbers add without overflow
    long g = gcd(den, o.den);
    long a = den / g, b = o.den / g;
    return new Rational(Math.addExact(Math.multiplyExact(num, b), Math.multiplyExact(o.num, a)), Math.multiplyExact(a, o.den));
  }

  public Rational subtract(Rational o) {
    return add(o.negate());
  }

  public Rational multiply(Rational o) {
    // cross-reduce first: only the reduced product has to fit
    long g1 = gcd(Math.abs(num), o.den), g2 = gcd(Math.abs(o.num), den);
    return new Rational(Math.multiplyExact(num / g1, o.num / g2), Math.multiplyExact(den / g2, o.den / g1));
  }

  public Rational multiply(long k) {
    return new Rational(Math.multiplyExact(num, k), den);
  }

  public Rational negate() {
    return new Rational(Math.negateExact(num), den);
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
    // exact 128-bit cross products: comparing never overflows
    long h1 = Math.multiplyHigh(num, o.den), h2 = Math.multiplyHigh(o.num, den);
    if (h1 != h2) return Long.compare(h1, h2);
    return Long.compareUnsigned(num * o.den, o.num * den);
  }

  /** {@code 0}, {@code 1/4}, {@code -3/2}: the form the space-group tables use. */
  @Override
  public String toString() {
    return den == 1 ? Long.toString(num) : num + "/" + den;
  }
}
