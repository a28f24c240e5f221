package xtal.property.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import xtal.property.features.CrystalFeatures;

/**
 * The two reference predictors a property model must beat, fitted on the same training crystals:
 * the training mean, and least squares on the atomic fractions of the elements seen in training
 * (a small ridge term keeps it defined when fractions are collinear; the fractions sum to one, so
 * they carry the intercept). On an all-carbon set the linear model can only learn the mean.
 */
public final class Baselines {
  private Baselines() {}

  /** Ridge strength per training crystal. */
  static final double RIDGE = 1e-4;

  /** A fitted baseline. */
  public interface Predictor {
    double predict(CrystalFeatures c);

    default double[] predict(List<CrystalFeatures> crystals) {
      double[] out = new double[crystals.size()];
      for (int i = 0; i < out.length; i++) out[i] = predict(crystals.get(i));
      return out;
    }
  }

  public static Predictor mean(double[] targets) {
    double m = 0;
    for (double t : targets) m += t / targets.length;
    double mean = m;
    return c -> mean;
  }

  /** The training median: the best constant for MAE (0 on a target that is mostly 0, like perov_5's band gaps). */
  public static Predictor median(double[] targets) {
    double[] s = targets.clone();
    java.util.Arrays.sort(s);
    double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return c -> median;
  }

  public static Predictor linearOnFractions(List<CrystalFeatures> crystals, double[] targets) {
    boolean[] seen = new boolean[119];
    for (CrystalFeatures c : crystals) for (int z = 0; z < 119; z++) if (c.fractions()[z] > 0) seen[z] = true;
    List<Integer> elements = new ArrayList<>();
    for (int z = 0; z < 119; z++) if (seen[z]) elements.add(z);
    int n = crystals.size(), p = elements.size();
    double[][] x = new double[n + p][p];
    double[] y = new double[n + p];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < p; j++) x[i][j] = crystals.get(i).fractions()[elements.get(j)];
      y[i] = targets[i];
    }
    double ridge = Math.sqrt(RIDGE * n);
    for (int j = 0; j < p; j++) x[n + j][j] = ridge;
    RealVector w = new QRDecomposition(new Array2DRowRealMatrix(x, false)).getSolver().solve(new ArrayRealVector(y, false));
    double[] byZ = new double[119];
    for (int j = 0; j < p; j++) byZ[elements.get(j)] = w.getEntry(j);
    // an element never seen in training contributes nothing (its fraction's weight is unknown)
    return c -> {
      double s = 0;
      for (int z = 0; z < 119; z++) s += byZ[z] * c.fractions()[z];
      return s;
    };
  }
}
