package xtal.property.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How well predictions match labels.
 *
 * @param n crystals
 * @param mae mean absolute error
 * @param rmse root-mean-square error
 * @param r2 coefficient of determination, 1 − SS_res / SS_tot around the labels' own mean
 */
public record Scores(int n, double mae, double rmse, double r2) {

  public static Scores of(double[] predicted, double[] actual) {
    if (predicted.length != actual.length) throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length + " labels");
    int n = actual.length;
    double mean = 0;
    for (double a : actual) mean += a / n;
    double abs = 0, sq = 0, tot = 0;
    for (int i = 0; i < n; i++) {
      double e = predicted[i] - actual[i];
      abs += Math.abs(e);
      sq += e * e;
      tot += (actual[i] - mean) * (actual[i] - mean);
    }
    return new Scores(n, abs / n, Math.sqrt(sq / n), tot > 0 ? 1 - sq / tot : Double.NaN);
  }

  /** For model.json: rounded to 6 significant digits. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("mae", round(mae));
    m.put("rmse", round(rmse));
    m.put("r2", round(r2));
    return m;
  }

  static double round(double v) {
    if (!Double.isFinite(v) || v == 0) return v;
    return new java.math.BigDecimal(v).round(new java.math.MathContext(6)).doubleValue();
  }
}
