package xtal.runtime.sampling;

import java.util.random.RandomGenerator;

/**
 * A mixture of von Mises distributions over a fractional coordinate x ∈ [0, 1), the angle being
 * 2πx. The model predicts one per free coordinate (CrystalFormer uses 16 components).
 *
 * @param logWeights unnormalized log mixture weights
 * @param locations component means as fractional coordinates in [0, 1)
 * @param concentrations κ ≥ 0 of each component (larger is sharper)
 */
public record VonMisesMixture(double[] logWeights, double[] locations, double[] concentrations) {

  private static final double TWO_PI = 2 * Math.PI;
  /** Grid points per interval for truncated sampling: deterministic and bounded, no rejection loop. */
  private static final int GRID = 2048;

  public VonMisesMixture {
    if (logWeights.length == 0
        || logWeights.length != locations.length
        || locations.length != concentrations.length) {
      throw new IllegalArgumentException("mixture arrays must be non-empty and of equal length");
    }
  }

  public int components() {
    return logWeights.length;
  }

  /** Sharpens (T &lt; 1) or flattens (T &gt; 1): weights' logits and concentrations are divided by T. */
  public VonMisesMixture withTemperature(double t) {
    if (t == 1) return this;
    double[] w = new double[components()], k = new double[components()];
    for (int i = 0; i < w.length; i++) {
      w[i] = logWeights[i] / t;
      k[i] = concentrations[i] / t;
    }
    return new VonMisesMixture(w, locations, k);
  }

  /** Log density with respect to dx on [0, 1) (so a uniform mixture has log density 0). */
  public double logDensity(double x) {
    return logDensity(normalizedLogWeights(), x);
  }

  /** Draws x ∈ [0, 1) from the whole circle. */
  public double sample(RandomGenerator rng) {
    int c = pickComponent(normalizedLogWeights(), rng);
    double theta = sampleVonMises(concentrations[c], rng);
    return wrap(locations[c] + theta / TWO_PI);
  }

  /**
   * Draws x from the mixture truncated to the arc from {@code lo} to {@code hi} (fractional,
   * {@code lo > hi} means the arc crosses 0). Exact up to a fine grid (piecewise-linear inverse
   * CDF), so it costs the same whatever the mass of the arc — no rejection loop.
   */
  public double sampleWithin(double lo, double hi, RandomGenerator rng) {
    double width = hi >= lo ? hi - lo : 1 - lo + hi;
    if (width >= 1) return sample(rng);
    double[] lw = normalizedLogWeights();
    double[] logMass = new double[GRID + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int g = 0; g <= GRID; g++) {
      logMass[g] = logDensity(lw, wrap(lo + width * g / GRID));
      max = Math.max(max, logMass[g]);
    }
    // Trapezoid cumulative mass on the grid.
    double[] cdf = new double[GRID + 1];
    for (int g = 1; g <= GRID; g++) {
      cdf[g] = cdf[g - 1] + 0.5 * (Math.exp(logMass[g - 1] - max) + Math.exp(logMass[g] - max));
    }
    double u = rng.nextDouble() * cdf[GRID];
    int g = 1;
    while (g < GRID && cdf[g] < u) g++;
    double span = cdf[g] - cdf[g - 1];
    double f = span > 0 ? (u - cdf[g - 1]) / span : 0.5;
    return wrap(lo + width * (g - 1 + f) / GRID);
  }

  /**
   * The log density, with respect to dx, of what {@link #sampleWithin} draws at {@code x}: the
   * grid's cell mass spread evenly over the cell, so the exact density of that sampler (−∞ outside
   * the arc). A proposal's probability is computed with this, not with the untruncated density.
   */
  public double logDensityWithin(double x, double lo, double hi) {
    double width = hi >= lo ? hi - lo : 1 - lo + hi;
    if (width >= 1) return logDensity(x);
    double offset = wrap(x - lo);
    if (offset > width) return Double.NEGATIVE_INFINITY;
    double[] lw = normalizedLogWeights();
    double[] logMass = new double[GRID + 1];
    double max = Double.NEGATIVE_INFINITY;
    for (int g = 0; g <= GRID; g++) {
      logMass[g] = logDensity(lw, wrap(lo + width * g / GRID));
      max = Math.max(max, logMass[g]);
    }
    double total = 0;
    for (int g = 1; g <= GRID; g++) total += 0.5 * (Math.exp(logMass[g - 1] - max) + Math.exp(logMass[g] - max));
    int g = Math.min(GRID, 1 + (int) Math.floor(offset / width * GRID)); // the cell sampleWithin draws x in
    double cell = 0.5 * (Math.exp(logMass[g - 1] - max) + Math.exp(logMass[g] - max));
    return Math.log(cell / total) - Math.log(width / GRID);
  }

  private double logDensity(double[] lw, double x) {
    double[] terms = new double[lw.length];
    for (int i = 0; i < lw.length; i++) terms[i] = lw[i] + componentLogDensity(i, x);
    return LogSpace.logSumExp(terms);
  }

  /** log of κ-von-Mises density in x (per unit fractional length): κcos(2π(x−μ)) − log I0(κ). */
  private double componentLogDensity(int i, double x) {
    double k = concentrations[i];
    return k * Math.cos(TWO_PI * (x - locations[i])) - logBesselI0(k);
  }

  private double[] normalizedLogWeights() {
    return LogSpace.normalize(logWeights);
  }

  static int pickComponent(double[] normalizedLogWeights, RandomGenerator rng) {
    double u = rng.nextDouble(), acc = 0;
    for (int i = 0; i < normalizedLogWeights.length; i++) {
      acc += Math.exp(normalizedLogWeights[i]);
      if (u < acc) return i;
    }
    return normalizedLogWeights.length - 1;
  }

  /**
   * Best &amp; Fisher (1979) sampler of a von Mises angle around 0 — the standard algorithm (its inner
   * loop accepts with probability ≥ 0.65 for every κ, so it is no rejection against constraints).
   */
  static double sampleVonMises(double kappa, RandomGenerator rng) {
    if (kappa < 1e-6) return TWO_PI * rng.nextDouble() - Math.PI;
    double tau = 1 + Math.sqrt(1 + 4 * kappa * kappa);
    double rho = (tau - Math.sqrt(2 * tau)) / (2 * kappa);
    double r = (1 + rho * rho) / (2 * rho);
    while (true) {
      double u1 = rng.nextDouble(), u2 = rng.nextDouble(), u3 = rng.nextDouble();
      double z = Math.cos(Math.PI * u1);
      double f = (1 + r * z) / (r + z);
      double c = kappa * (r - f);
      if (c * (2 - c) - u2 > 0 || Math.log(c / u2) + 1 - c >= 0) {
        double theta = Math.acos(Math.max(-1, Math.min(1, f)));
        return u3 > 0.5 ? theta : -theta;
      }
    }
  }

  /** log I0(κ), the modified Bessel function of order 0; series for small κ, asymptotic for large. */
  static double logBesselI0(double k) {
    if (k < 15) {
      double term = 1, sum = 1, q = k * k / 4;
      for (int m = 1; m < 200; m++) {
        term *= q / ((double) m * m);
        sum += term;
        if (term < sum * 1e-17) break;
      }
      return Math.log(sum);
    }
    // I0(k) ~ e^k / sqrt(2πk) · (1 + 1/(8k) + 9/(128k²) + 225/(3072k³))
    double inv = 1 / k;
    double series = 1 + inv / 8 + 9 * inv * inv / 128 + 225 * inv * inv * inv / 3072;
    return k - 0.5 * Math.log(TWO_PI * k) + Math.log(series);
  }

  static double wrap(double x) {
    double w = x - Math.floor(x);
    return w >= 1 ? 0 : w;
  }
}
