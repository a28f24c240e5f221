package xtal.compiler.automaton;

/**
 * Which lattice angles can still form a cell. Three angles span a cell of positive volume when each
 * lies in (0°, 180°), {@code |α − β| < γ < α + β} and {@code α + β + γ < 360°}; the sampler draws α, then β, then
 * γ, each from the interval that leaves the later ones a valid choice, kept {@link #MARGIN} degrees
 * inside the open bounds. The compiler asks the same question of a query's angle ranges, so a
 * query whose angles cannot form a cell is refused when it is compiled, not while sampling.
 *
 * <p>Intervals are {@code {lo, hi}} in degrees, closed; an empty one has {@code lo > hi}.
 */
public final class AngleBounds {
  private AngleBounds() {}

  /** How far inside the open bounds the sampler keeps angles, in degrees. */
  public static final double MARGIN = 0.5;

  /** Free angles: (0°, 180°) less the margin. */
  public static double[] free(double margin) {
    return new double[] {margin, 180 - margin};
  }

  /** The α for which some β in {@code b} and γ in {@code c} complete a cell, within {@code a}. */
  public static double[] alpha(double[] a, double[] b, double[] c, double margin) {
    double m = margin, b1 = Math.max(b[0], m), b2 = Math.min(b[1], 180 - m), c1 = Math.max(c[0], m), c2 = Math.min(c[1], 180 - m);
    if (b1 > b2 || c1 > c2) return new double[] {1, 0};
    // β's interval given α (see beta) is non-empty: each lower bound below each upper bound
    double lo = max(a[0], m, b1 - c2 + m, 2 * m - c2, c1 + m - b2, c1 + 2 * m - 180, (c1 - c2 + 2 * m) / 2);
    double hi = min(a[1], 180 - m, 360 - c1 - m - b1, 360 - c1 - 2 * m, b2 + c2 - m, 180 + c2 - 2 * m, (360 - c1 + c2 - 2 * m) / 2);
    return new double[] {lo, hi};
  }

  /** The β, within {@code b}, for which some γ in {@code c} completes a cell with {@code alpha}. */
  public static double[] beta(double alpha, double[] b, double[] c, double margin) {
    double m = margin, c1 = Math.max(c[0], m), c2 = Math.min(c[1], 180 - m);
    if (c1 > c2) return new double[] {1, 0};
    return new double[] {
      max(b[0], m, alpha - c2 + m, c1 + m - alpha), min(b[1], 180 - m, alpha + c2 - m, 360 - c1 - m - alpha)
    };
  }

  /** The γ, within {@code c}, that completes a cell with {@code alpha} and {@code beta}. */
  public static double[] gamma(double alpha, double beta, double[] c, double margin) {
    double m = margin;
    return new double[] {
      max(c[0], m, Math.abs(alpha - beta) + m), min(c[1], 180 - m, alpha + beta - m, 360 - alpha - beta - m)
    };
  }

  /**
   * Whether some α in {@code a}, β in {@code b}, γ in {@code c} form a cell {@link #MARGIN}
   * inside the bounds: the region the sampler draws from, far enough from a flat cell that the
   * checker's positive-volume test holds after rounding.
   */
  public static boolean feasible(double[] a, double[] b, double[] c) {
    double[] al = alpha(a, b, c, MARGIN);
    return al[0] <= al[1];
  }

  private static double max(double... v) {
    double r = Double.NEGATIVE_INFINITY;
    for (double x : v) r = Math.max(r, x);
    return r;
  }

  private static double min(double... v) {
    double r = Double.POSITIVE_INFINITY;
    for (double x : v) r = Math.min(r, x);
    return r;
  }
}
