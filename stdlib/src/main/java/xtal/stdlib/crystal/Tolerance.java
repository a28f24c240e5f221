package xtal.stdlib.crystal;

/**
 * The one rule by which a written number is compared with a crystal's value, shared by the
 * sentence checker (a fixed or tied coordinate, a tied length, a fixed angle as written), the
 * stdlib's template matcher and the compiler: a number written in a template matches whatever the
 * checker would accept as that number.
 *
 * <ul>
 *   <li>coordinates compare modulo 1 within {@link #COORDINATE} (0.333333 ≡ 1/3, 0.99999 ≡ 0); a
 *       coordinate range {@code [lo..hi]} is an arc of the circle (so {@code [0.9..1.1]} holds 0.05)
 *       widened by the same tolerance at both ends;
 *   <li>lattice lengths within {@link #LENGTH} Å, angles within {@link #ANGLE}°; a lattice range
 *       {@code [lo..hi]} widened by the same tolerance.
 * </ul>
 */
public final class Tolerance {
  private Tolerance() {}

  /** Fractional coordinates, modulo 1: the checker's tolerance for fixed and tied coordinates. */
  public static final double COORDINATE = SentenceChecker.COORDINATE_TOLERANCE;

  /** Lattice lengths, Å: the checker's tolerance for tied lengths. */
  public static final double LENGTH = SentenceChecker.LENGTH_TOLERANCE;

  /** Lattice angles, degrees: the checker's tolerance for fixed angles. */
  public static final double ANGLE = SentenceChecker.ANGLE_TOLERANCE;

  /** Whether two coordinates are the same modulo 1. */
  public static boolean sameCoordinate(double a, double b) {
    double d = a - b;
    return Math.abs(d - Math.rint(d)) <= COORDINATE;
  }

  /** Whether a coordinate lies on the arc {@code [lo, hi]} modulo 1 (an arc of length ≥ 1 is the whole circle). */
  public static boolean coordinateInRange(double v, double lo, double hi) {
    if (hi - lo >= 1) return true;
    // the representative of v at or above lo - tolerance, then compare with the arc's end
    double from = lo - COORDINATE;
    double w = v - Math.floor(v - from);
    return w <= hi + COORDINATE;
  }

  /** The tolerance of lattice parameter {@code i} (0..2 lengths a, b, c; 3..5 angles). */
  public static double lattice(int i) {
    return i < 3 ? LENGTH : ANGLE;
  }

  /** Whether lattice parameter {@code i} has the written value {@code written}. */
  public static boolean sameLattice(int i, double value, double written) {
    return Math.abs(value - written) <= lattice(i);
  }

  /** Whether lattice parameter {@code i} lies in {@code [lo, hi]}. */
  public static boolean latticeInRange(int i, double value, double lo, double hi) {
    return value >= lo - lattice(i) && value <= hi + lattice(i);
  }
}
