package xtal.stdlib.spacegroup;

import java.util.Arrays;

/**
 * An affine map {@code x ↦ R·x + t} with an integer 3×3 matrix and an exact rational translation,
 * written as in the International Tables: {@code -y+1/2, x, z+1/4}.
 *
 * <p>Symmetry operations of a space group are such maps with an invertible {@code R}. The
 * coordinate triplets of a Wyckoff position are read with the same parser; there {@code R} may be
 * singular ({@code x, x, 1/4}) and the variables are the position's parameters.
 */
public record SymOp(int[][] rotation, Rational[] translation) {

  public static final SymOp IDENTITY =
      new SymOp(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, new Rational[] {Rational.ZERO, Rational.ZERO, Rational.ZERO});

  public SymOp {
    if (rotation.length != 3 || translation.length != 3) throw new IllegalArgumentException("3×3 matrix and 3-vector expected");
    int[][] r = new int[3][];
    for (int i = 0; i < 3; i++) {
      if (rotation[i].length != 3) throw new IllegalArgumentException("3×3 matrix expected");
      r[i] = rotation[i].clone();
    }
    rotation = r;
    translation = translation.clone();
  }

  @Override
  public int[][] rotation() {
    int[][] r = new int[3][];
    for (int i = 0; i < 3; i++) r[i] = rotation[i].clone();
    return r;
  }

  @Override
  public Rational[] translation() {
    return translation.clone();
  }

  /** Entry {@code R[row][col]} without copying. */
  public int r(int row, int col) {
    return rotation[row][col];
  }

  /** Component {@code t[i]} without copying. */
  public Rational t(int i) {
    return translation[i];
  }

  /**
   * Parses {@code "-y+1/2, x, z+1/4"}, {@code "x-y, x, -z"}, {@code "2x, x, 1/4"}: three
   * comma-separated sums of terms {@code ±[k]v} (v in x,y,z) and rational constants.
   *
   * @throws IllegalArgumentException with the offending text if the triplet is malformed
   */
  public static SymOp parse(String text) {
    String[] parts = text.split(",");
    if (parts.length != 3) throw new IllegalArgumentException("expected three comma-separated coordinates: '" + text + "'");
    int[][] r = new int[3][3];
    Rational[] t = new Rational[3];
    for (int i = 0; i < 3; i++) {
      String s = parts[i].replace(" ", "").toLowerCase(java.util.Locale.ROOT);
      if (s.isEmpty()) throw new IllegalArgumentException("empty coordinate in '" + text + "'");
      Rational c = Rational.ZERO;
      int p = 0;
      while (p < s.length()) {
        int sign = 1;
        char ch = s.charAt(p);
        if (ch == '+' || ch == '-') {
          sign = ch == '-' ? -1 : 1;
          p++;
        }
        int start = p;
        while (p < s.length() && (Character.isDigit(s.charAt(p)) || s.charAt(p) == '/')) p++;
        String number = s.substring(start, p);
        if (p < s.length() && s.charAt(p) >= 'x' && s.charAt(p) <= 'z') {
          int axis = s.charAt(p) - 'x';
          int k = number.isEmpty() ? 1 : Integer.parseInt(number);
          r[i][axis] += sign * k;
          p++;
        } else if (!number.isEmpty()) {
          c = c.add(Rational.parse(number).multiply(sign));
        } else {
          throw new IllegalArgumentException("cannot read coordinate '" + parts[i].strip() + "' of '" + text + "'");
        }
      }
      t[i] = c;
    }
    return new SymOp(r, t);
  }

  /** Applies this map to a point: {@code R·x + t} (no wrapping). */
  public double[] apply(double[] x) {
    double[] y = new double[3];
    for (int i = 0; i < 3; i++) {
      y[i] = rotation[i][0] * x[0] + rotation[i][1] * x[1] + rotation[i][2] * x[2] + translation[i].toDouble();
    }
    return y;
  }

  /** Applies this map exactly to a rational point. */
  public Rational[] apply(Rational[] x) {
    Rational[] y = new Rational[3];
    for (int i = 0; i < 3; i++) {
      Rational s = translation[i];
      for (int j = 0; j < 3; j++) if (rotation[i][j] != 0) s = s.add(x[j].multiply(rotation[i][j]));
      y[i] = s;
    }
    return y;
  }

  /** {@code this ∘ other}: first {@code other}, then this. */
  public SymOp compose(SymOp other) {
    int[][] r = new int[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++)
        for (int k = 0; k < 3; k++) r[i][j] += rotation[i][k] * other.rotation[k][j];
    return new SymOp(r, apply(other.translation));
  }

  /** The same map with every translation component reduced to [0, 1). */
  public SymOp normalized() {
    Rational[] t = new Rational[3];
    for (int i = 0; i < 3; i++) t[i] = translation[i].mod1();
    return new SymOp(rotation, t);
  }

  /** Equal matrices and translations that differ by a lattice vector. */
  public boolean equalsModLattice(SymOp o) {
    if (!Arrays.deepEquals(rotation, o.rotation)) return false;
    for (int i = 0; i < 3; i++) if (!translation[i].subtract(o.translation[i]).isInteger()) return false;
    return true;
  }

  /** The determinant of the matrix part (±1 for a symmetry operation, 0 for a special position). */
  public int determinant() {
    int[][] m = rotation;
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SymOp s && Arrays.deepEquals(rotation, s.rotation) && Arrays.equals(translation, s.translation);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(rotation) + Arrays.hashCode(translation);
  }

  /** The triplet as the tables write it: {@code -y+1/2, x, z+1/4}. */
  @Override
  public String toString() {
    return String.join(", ", component(0), component(1), component(2));
  }

  /** The triplet without spaces, as CIF files usually write it: {@code -y+1/2,x,z+1/4}. */
  public String toCompactString() {
    return String.join(",", component(0), component(1), component(2));
  }

  /** Coordinate {@code i} as text: {@code -x+y}, {@code 2x}, {@code z+1/4}, {@code 1/2}. */
  public String component(int i) {
    StringBuilder sb = new StringBuilder();
    for (int j = 0; j < 3; j++) {
      int k = rotation[i][j];
      if (k == 0) continue;
      if (k < 0) sb.append('-');
      else if (!sb.isEmpty()) sb.append('+');
      if (Math.abs(k) != 1) sb.append(Math.abs(k));
      sb.append((char) ('x' + j));
    }
    Rational c = translation[i];
    if (!c.isZero() || sb.isEmpty()) {
      if (c.signum() > 0 && !sb.isEmpty()) sb.append('+');
      sb.append(c);
    }
    return sb.toString();
  }
}
