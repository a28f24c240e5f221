package xtal.runtime.sampling;

/** Log-space helpers shared by the mixtures: stable log-sum-exp and normalization. */
final class LogSpace {
  private LogSpace() {}

  /** log Σ exp(v[i]), without overflow. */
  static double logSumExp(double[] v) {
    double max = Double.NEGATIVE_INFINITY;
    for (double x : v) max = Math.max(max, x);
    if (max == Double.NEGATIVE_INFINITY) return max;
    double s = 0;
    for (double x : v) s += Math.exp(x - max);
    return max + Math.log(s);
  }

  /** {@code v} shifted so that Σ exp = 1. */
  static double[] normalize(double[] v) {
    double log = logSumExp(v);
    double[] out = new double[v.length];
    for (int i = 0; i < out.length; i++) out[i] = v[i] - log;
    return out;
  }
}
