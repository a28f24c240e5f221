package xtal.stdlib.crystal;

/**
 * A unit cell given by its six parameters: lengths in Å, angles in degrees.
 *
 * <p>The cartesian frame is the usual one: {@code a} along x, {@code b} in the xy plane, {@code c}
 * completing a right-handed set. {@link #matrix()} holds the three vectors as rows, so a fractional
 * point {@code f} sits at {@code f · M}.
 */
public record Lattice(double a, double b, double c, double alpha, double beta, double gamma) {

  /** The lattice of six parameters in the order a, b, c, alpha, beta, gamma. */
  public static Lattice of(double[] six) {
    if (six.length != 6) throw new IllegalArgumentException("six lattice parameters expected");
    return new Lattice(six[0], six[1], six[2], six[3], six[4], six[5]);
  }

  /** The lattice spanned by three row vectors. */
  public static Lattice fromVectors(double[][] m) {
    double la = norm(m[0]), lb = norm(m[1]), lc = norm(m[2]);
    return new Lattice(la, lb, lc, angle(m[1], m[2]), angle(m[0], m[2]), angle(m[0], m[1]));
  }

  /** The six parameters, a, b, c, alpha, beta, gamma. */
  public double[] parameters() {
    return new double[] {a, b, c, alpha, beta, gamma};
  }

  /**
   * {@code 1 − cos²α − cos²β − cos²γ + 2 cosα cosβ cosγ}: the squared volume of the cell with unit
   * edges. Positive exactly when the three angles form a cell.
   */
  public static double angleFactor(double alpha, double beta, double gamma) {
    double ca = cos(alpha), cb = cos(beta), cg = cos(gamma);
    return 1 - ca * ca - cb * cb - cg * cg + 2 * ca * cb * cg;
  }

  /** True when the lengths are positive and the angles lie in (0, 180) and form a cell. */
  public boolean isValid() {
    return a > 0 && b > 0 && c > 0 && anglesValid(alpha, beta, gamma);
  }

  /** True when the angles lie in (0°, 180°) and span a cell of positive volume. */
  public static boolean anglesValid(double alpha, double beta, double gamma) {
    for (double x : new double[] {alpha, beta, gamma}) if (!(x > 0 && x < 180)) return false;
    return angleFactor(alpha, beta, gamma) > 1e-10;
  }

  /** The volume in Å³. */
  public double volume() {
    return a * b * c * Math.sqrt(Math.max(0, angleFactor(alpha, beta, gamma)));
  }

  /** The cell vectors as rows, in Å. */
  public double[][] matrix() {
    double ca = cos(alpha), cb = cos(beta), cg = cos(gamma), sg = Math.sin(Math.toRadians(gamma));
    double cx = c * cb, cy = c * (ca - cb * cg) / sg;
    double cz = Math.sqrt(Math.max(0, c * c - cx * cx - cy * cy));
    return new double[][] {{a, 0, 0}, {b * cg, b * sg, 0}, {cx, cy, cz}};
  }

  /** The cartesian position (Å) of a fractional point. */
  public double[] toCartesian(double[] f) {
    double[][] m = matrix();
    return toCartesian(m, f);
  }

  static double[] toCartesian(double[][] m, double[] f) {
    double[] r = new double[3];
    for (int j = 0; j < 3; j++) r[j] = f[0] * m[0][j] + f[1] * m[1][j] + f[2] * m[2][j];
    return r;
  }

  /** The distances between opposite faces of the cell (Å): V/|b×c|, V/|a×c|, V/|a×b|. */
  public double[] planeSpacings() {
    double[][] m = matrix();
    double v = volume();
    return new double[] {v / norm(cross(m[1], m[2])), v / norm(cross(m[0], m[2])), v / norm(cross(m[0], m[1]))};
  }

  private static double cos(double degrees) {
    // exact zeros for right angles keep orthogonal cells orthogonal
    if (degrees == 90) return 0;
    return Math.cos(Math.toRadians(degrees));
  }

  static double norm(double[] v) {
    return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
  }

  static double[] cross(double[] u, double[] v) {
    return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  }

  private static double angle(double[] u, double[] v) {
    double d = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / (norm(u) * norm(v));
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, d))));
  }
}
