package xtal.eval;

import java.util.Arrays;

/**
 * The assignment problem on a square cost matrix (Kuhn–Munkres with potentials, O(n³)): used to
 * pair the atoms of one species in two structures.
 */
final class Hungarian {
  private Hungarian() {}

  /** The least total cost of a one-to-one assignment of rows to columns. */
  static double minCost(double[][] a) {
    int[] col = assignment(a);
    double cost = 0;
    for (int i = 0; i < col.length; i++) cost += a[i][col[i]];
    return cost;
  }

  /** A least-cost one-to-one assignment: the column of each row. */
  static int[] assignment(double[][] a) {
    int n = a.length;
    if (n == 0) return new int[0];
    double[] u = new double[n + 1], v = new double[n + 1], minv = new double[n + 1];
    int[] p = new int[n + 1], way = new int[n + 1];
    boolean[] used = new boolean[n + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      Arrays.fill(used, false);
      do {
        used[j0] = true;
        int i0 = p[j0], j1 = 0;
        double delta = Double.POSITIVE_INFINITY;
        for (int j = 1; j <= n; j++) {
          if (used[j]) continue;
          double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
          if (cur < minv[j]) {
            minv[j] = cur;
            way[j] = j0;
          }
          if (minv[j] < delta) {
            delta = minv[j];
            j1 = j;
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else minv[j] -= delta;
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] col = new int[n];
    for (int j = 1; j <= n; j++) col[p[j] - 1] = j - 1;
    return col;
  }
}
