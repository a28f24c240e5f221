package xtal.eval;

import java.util.Arrays;

/** Distances between distributions, as the literature computes them. */
public final class Distances {
  private Distances() {}

  /**
   * The Wasserstein-1 (earth mover's) distance between two empirical distributions of equal-weight
   * samples: ∫ |F_u(x) − F_v(x)| dx over the two step CDFs — what {@code
   * scipy.stats.wasserstein_distance} computes and CDVAE reports for density and number of
   * elements. O((n + m) log(n + m)). NaN when either sample is empty.
   */
  public static double wasserstein1(double[] u, double[] v) {
    if (u.length == 0 || v.length == 0) return Double.NaN;
    double[] a = u.clone(), b = v.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    double sum = 0;
    int i = 0, j = 0;
    for (int k = 0; k + 1 < all.length; k++) {
      double x = all[k];
      while (i < a.length && a[i] <= x) i++;
      while (j < b.length && b[j] <= x) j++;
      double fa = (double) i / a.length, fb = (double) j / b.length;
      sum += Math.abs(fa - fb) * (all[k + 1] - x);
    }
    return sum;
  }

  /**
   * The total variation distance between two histograms over the same bins: ½ Σ |p_i − q_i| with
   * p, q the normalized counts; 0 for equal shapes, 1 for disjoint supports. NaN when either is
   * empty.
   */
  public static double totalVariation(int[] p, int[] q) {
    if (p.length != q.length) throw new IllegalArgumentException("histograms over different bins");
    long sp = 0, sq = 0;
    for (int x : p) sp += x;
    for (int x : q) sq += x;
    if (sp == 0 || sq == 0) return Double.NaN;
    double d = 0;
    for (int i = 0; i < p.length; i++) d += Math.abs((double) p[i] / sp - (double) q[i] / sq);
    return d / 2;
  }
}
