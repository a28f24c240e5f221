package xtal.property.nn;

import java.util.List;
import xtal.property.features.CrystalFeatures;
import xtal.property.features.Featurizer;

/**
 * Means and scales that bring the raw features and the target to unit scale, measured on the
 * training crystals; the graph holds them as constants. A feature that never varies gets scale 1.
 */
public record Standardisation(float[] siteMean, float[] siteScale, float[] cellMean, float[] cellScale, double targetMean, double targetScale) {

  /** Measures the training set: site features per site, cell features and the target per crystal. */
  public static Standardisation of(List<CrystalFeatures> crystals, double[] targets) {
    int fs = Featurizer.SITE_WIDTH, g = Featurizer.CELL_WIDTH;
    double[] s1 = new double[fs], s2 = new double[fs], c1 = new double[g], c2 = new double[g];
    long sites = 0;
    for (CrystalFeatures c : crystals) {
      for (float[] row : c.site()) {
        for (int i = 0; i < fs; i++) {
          s1[i] += row[i];
          s2[i] += (double) row[i] * row[i];
        }
        sites++;
      }
      for (int i = 0; i < g; i++) {
        c1[i] += c.cell()[i];
        c2[i] += (double) c.cell()[i] * c.cell()[i];
      }
    }
    double t1 = 0, t2 = 0;
    for (double t : targets) {
      t1 += t;
      t2 += t * t;
    }
    int n = targets.length;
    double tm = t1 / n, ts = Math.sqrt(Math.max(0, t2 / n - tm * tm));
    return new Standardisation(mean(s1, sites), scale(s1, s2, sites), mean(c1, crystals.size()), scale(c1, c2, crystals.size()),
        tm, ts > 1e-9 ? ts : 1);
  }

  private static float[] mean(double[] sum, long n) {
    float[] m = new float[sum.length];
    for (int i = 0; i < m.length; i++) m[i] = (float) (sum[i] / Math.max(1, n));
    return m;
  }

  private static float[] scale(double[] sum, double[] squares, long n) {
    float[] s = new float[sum.length];
    for (int i = 0; i < s.length; i++) {
      double m = sum[i] / Math.max(1, n), v = squares[i] / Math.max(1, n) - m * m;
      s[i] = v > 1e-12 ? (float) Math.sqrt(v) : 1f;
    }
    return s;
  }
}
