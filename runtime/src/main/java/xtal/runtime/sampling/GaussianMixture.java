package xtal.runtime.sampling;

import java.util.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;

/**
 * A one-dimensional Gaussian mixture, the model's distribution for a lattice parameter (lengths
 * scaled by atoms^(1/3), angles in degrees). Sampling honours a range by inverse-CDF sampling of
 * the truncated mixture, so a narrow range costs the same as a wide one.
 *
 * @param logWeights unnormalized log mixture weights
 * @param means component means
 * @param sigmas component standard deviations (> 0)
 */
public record GaussianMixture(double[] logWeights, double[] means, double[] sigmas) {

  public GaussianMixture {
    if (logWeights.length == 0 || logWeights.length != means.length || means.length != sigmas.length) {
      throw new IllegalArgumentException("mixture arrays must be non-empty and of equal length");
    }
  }

  /** Temperature T divides the weights' logits and multiplies σ by √T (as for a tempered Gaussian). */
  public GaussianMixture withTemperature(double t) {
    if (t == 1) return this;
    double[] w = new double[means.length], s = new double[means.length];
    for (int i = 0; i < w.length; i++) {
      w[i] = logWeights[i] / t;
      s[i] = sigmas[i] * Math.sqrt(t);
    }
    return new GaussianMixture(w, means, s);
  }

  public double logDensity(double x) {
    double[] lw = normalized();
    double[] terms = new double[lw.length];
    for (int i = 0; i < lw.length; i++) {
      double z = (x - means[i]) / sigmas[i];
      terms[i] = lw[i] - 0.5 * z * z - Math.log(sigmas[i]) - 0.5 * Math.log(2 * Math.PI);
    }
    return LogSpace.logSumExp(terms);
  }

  /** Draws from the mixture restricted to [lo, hi] (either may be infinite). */
  public double sampleWithin(double lo, double hi, RandomGenerator rng) {
    if (!(lo < hi)) {
      if (lo == hi) return lo;
      throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
    }
    double[] lw = normalized();
    double[] mass = new double[lw.length];
    double total = 0;
    for (int i = 0; i < lw.length; i++) {
      mass[i] = Math.exp(lw[i]) * intervalMass(i, lo, hi);
      total += mass[i];
    }
    int c;
    if (total > 0) {
      double u = rng.nextDouble() * total, acc = 0;
      c = lw.length - 1;
      for (int i = 0; i < lw.length; i++) {
        acc += mass[i];
        if (u < acc) {
          c = i;
          break;
        }
      }
    } else {
      c = nearestComponent(lo, hi); // every component's mass underflows: take the closest one
    }
    return truncatedNormal(means[c], sigmas[c], lo, hi, rng);
  }

  /**
   * The log density of what {@link #sampleWithin} draws at {@code x}: the mixture renormalized to
   * [lo, hi] (−∞ outside; 0 for the point interval lo = hi, which is drawn with certainty).
   */
  public double logDensityWithin(double x, double lo, double hi) {
    if (lo == hi) return x == lo ? 0 : Double.NEGATIVE_INFINITY;
    if (x < lo || x > hi) return Double.NEGATIVE_INFINITY;
    double[] lw = normalized();
    double total = 0;
    for (int i = 0; i < lw.length; i++) total += Math.exp(lw[i]) * intervalMass(i, lo, hi);
    return logDensity(x) - Math.log(total);
  }

  public double sample(RandomGenerator rng) {
    return sampleWithin(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, rng);
  }

  private double intervalMass(int i, double lo, double hi) {
    double a = (lo - means[i]) / sigmas[i], b = (hi - means[i]) / sigmas[i];
    return 0.5 * Erf.erf(a / Math.sqrt(2), b / Math.sqrt(2));
  }

  private int nearestComponent(double lo, double hi) {
    int best = 0;
    double bestZ = Double.POSITIVE_INFINITY;
    for (int i = 0; i < means.length; i++) {
      double d = means[i] < lo ? lo - means[i] : means[i] > hi ? means[i] - hi : 0;
      double z = d / sigmas[i];
      if (z < bestZ) {
        bestZ = z;
        best = i;
      }
    }
    return best;
  }

  /**
   * Inverse-CDF draw from N(μ, σ²) truncated to [lo, hi]. Works on the side of the mean where the
   * interval lies (using the upper tail by symmetry) so far-tail intervals keep their precision;
   * when even that underflows, the exponential tail approximation is used.
   */
  static double truncatedNormal(double mu, double sigma, double lo, double hi, RandomGenerator rng) {
    double a = (lo - mu) / sigma, b = (hi - mu) / sigma;
    boolean flip = a > 0 ? false : b < 0;
    if (flip) {
      double t = -b;
      b = -a;
      a = t;
    }
    // Now either a ≤ 0 ≤ b, or 0 < a < b (upper tail).
    double u = rng.nextDouble();
    double z;
    if (a > 0) {
      double qa = 0.5 * Erf.erfc(a / Math.sqrt(2)), qb = 0.5 * Erf.erfc(b / Math.sqrt(2));
      if (qa - qb > 1e-300 && qa > 0) {
        double q = qa - u * (qa - qb);
        z = Math.sqrt(2) * Erf.erfcInv(2 * q);
      } else {
        // Exponential tail: density ∝ exp(-a(z-a)) on [a, b].
        double span = Double.isInfinite(b) ? 1 : 1 - Math.exp(-a * (b - a));
        z = a - Math.log(1 - u * span) / a;
      }
    } else {
      double pa = 0.5 * Erf.erfc(-a / Math.sqrt(2)), pb = 0.5 * Erf.erfc(-b / Math.sqrt(2));
      double p = pa + u * (pb - pa);
      z = -Math.sqrt(2) * Erf.erfcInv(2 * p);
    }
    z = Math.max(a, Math.min(b, z));
    double x = mu + sigma * (flip ? -z : z);
    return Math.max(lo, Math.min(hi, x));
  }

  private double[] normalized() {
    return LogSpace.normalize(logWeights);
  }
}
