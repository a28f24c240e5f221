package xtal.stdlib.symmetry;

/** Small 3×3 matrix and vector helpers (row-major arrays); no allocation beyond the results. */
final class Mat {
  private Mat() {}

  static int det(int[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  static double det(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  static boolean equal(int[][] a, int[][] b) {
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) if (a[i][j] != b[i][j]) return false;
    return true;
  }

  static boolean isIdentity(int[][] a) {
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) if (a[i][j] != (i == j ? 1 : 0)) return false;
    return true;
  }

  static int[][] mul(int[][] a, int[][] b) {
    int[][] c = new int[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
    return c;
  }

  static double[][] mul(double[][] a, double[][] b) {
    double[][] c = new double[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) c[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
    return c;
  }

  static double[] mul(int[][] a, double[] v) {
    return new double[] {
      a[0][0] * v[0] + a[0][1] * v[1] + a[0][2] * v[2],
      a[1][0] * v[0] + a[1][1] * v[1] + a[1][2] * v[2],
      a[2][0] * v[0] + a[2][1] * v[1] + a[2][2] * v[2]
    };
  }

  static int[] mul(int[][] a, int[] v) {
    return new int[] {
      a[0][0] * v[0] + a[0][1] * v[1] + a[0][2] * v[2],
      a[1][0] * v[0] + a[1][1] * v[1] + a[1][2] * v[2],
      a[2][0] * v[0] + a[2][1] * v[1] + a[2][2] * v[2]
    };
  }

  static double[] mul(double[][] a, double[] v) {
    return new double[] {
      a[0][0] * v[0] + a[0][1] * v[1] + a[0][2] * v[2],
      a[1][0] * v[0] + a[1][1] * v[1] + a[1][2] * v[2],
      a[2][0] * v[0] + a[2][1] * v[1] + a[2][2] * v[2]
    };
  }

  /** Row vector times matrix: cartesian position of fractional x for a lattice with rows a, b, c. */
  static double[] cart(double[][] lat, double[] x) {
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) for (int k = 0; k < 3; k++) r[k] += x[i] * lat[i][k];
    return r;
  }

  static int[][] transpose(int[][] a) {
    int[][] t = new int[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t[i][j] = a[j][i];
    return t;
  }

  /** The matrix with columns a, b, c. */
  static int[][] columns(int[] a, int[] b, int[] c) {
    return new int[][] {{a[0], b[0], c[0]}, {a[1], b[1], c[1]}, {a[2], b[2], c[2]}};
  }

  static int[] column(int[][] p, int j) {
    return new int[] {p[0][j], p[1][j], p[2][j]};
  }

  static int[] neg(int[] v) {
    return new int[] {-v[0], -v[1], -v[2]};
  }

  /** The proper rotation of r: r itself, or −r when r is a rotoinversion. */
  static int[][] proper(int[][] r) {
    if (det(r) > 0) return r;
    int[][] m = new int[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] = -r[i][j];
    return m;
  }

  static double[][] transpose(double[][] a) {
    double[][] t = new double[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) t[i][j] = a[j][i];
    return t;
  }

  static double[][] inverse(double[][] m) {
    double d = det(m);
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
        r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / d;
      }
    return r;
  }

  static double[][] toDouble(int[][] m) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = m[i][j];
    return r;
  }

  /** Rounds a matrix to integers; null when some entry is farther than 1e-6 from an integer. */
  static int[][] roundExact(double[][] m) {
    int[][] r = new int[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        long k = Math.round(m[i][j]);
        if (Math.abs(m[i][j] - k) > 1e-6) return null;
        r[i][j] = (int) k;
      }
    return r;
  }

  static double dot(double[] a, double[] b) {
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
  }

  static double[] cross(double[] a, double[] b) {
    return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  static int[] cross(int[] a, int[] b) {
    return new int[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
  }

  static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }

  static double[] add(double[] a, double[] b) {
    return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
  }

  static double[] sub(double[] a, double[] b) {
    return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
  }

  static double[] scale(double[] a, double s) {
    return new double[] {a[0] * s, a[1] * s, a[2] * s};
  }

  /** Each component brought into [-1/2, 1/2). */
  static double[] wrapCentered(double[] v) {
    return new double[] {v[0] - Math.floor(v[0] + 0.5), v[1] - Math.floor(v[1] + 0.5), v[2] - Math.floor(v[2] + 0.5)};
  }

  /** Each component brought into [0, 1). */
  static double[] wrap(double[] v) {
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      r[i] = v[i] - Math.floor(v[i]);
      if (r[i] >= 1) r[i] -= 1;
    }
    return r;
  }

  static int gcd(int a, int b) {
    a = Math.abs(a);
    b = Math.abs(b);
    while (b != 0) {
      int t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** The metric tensor G = L Lᵀ of a lattice with rows a, b, c. */
  static double[][] metric(double[][] lat) {
    double[][] g = new double[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) g[i][j] = dot(lat[i], lat[j]);
    return g;
  }
}
