package xtal.stdlib.spacegroup;

/**
 * What a Wyckoff position's representative says about one coordinate: free (a parameter written in
 * the compact form), fixed to an exact value, or tied to an earlier coordinate.
 */
public sealed interface CoordinateRule permits CoordinateRule.Free, CoordinateRule.Fixed, CoordinateRule.Tied {

  /** This coordinate is a free parameter: it is written in the compact form. */
  record Free() implements CoordinateRule {}

  /** This coordinate always equals {@code value} (modulo 1). */
  record Fixed(Rational value) implements CoordinateRule {}

  /**
   * This coordinate equals {@code factor * coord[sourceAxis] + offset} (modulo 1), where {@code
   * sourceAxis} is an earlier axis whose coordinate is free.
   */
  record Tied(int sourceAxis, Rational factor, Rational offset) implements CoordinateRule {
    /** The value this rule gives for the given source coordinate. */
    public double valueFor(double source) {
      return factor.toDouble() * source + offset.toDouble();
    }

    /** The rule as an expression of the source axis: {@code x}, {@code -x+1/2}, {@code 2x}. */
    public String expression() {
      int[][] r = new int[3][3];
      r[0][sourceAxis] = Math.toIntExact(factor.num());
      return new SymOp(r, new Rational[] {offset, Rational.ZERO, Rational.ZERO}).component(0);
    }
  }

  /** The axis names used in messages. */
  static String axisName(int axis) {
    return String.valueOf((char) ('x' + axis));
  }
}
