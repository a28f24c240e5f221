package xtal.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MixtureSamplingTest {

  private static final int N = 40_000;

  @Test
  void vonMisesDensityIntegratesToOne() {
    var m = new VonMisesMixture(new double[] {0, 1, -2}, new double[] {0.1, 0.5, 0.97}, new double[] {0.5, 30, 400});
    int steps = 200_000;
    double s = 0;
    for (int i = 0; i < steps; i++) s += Math.exp(m.logDensity((i + 0.5) / steps));
    assertThat(s / steps).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void vonMisesSamplesHaveTheRightMeanDirectionAndConcentration() {
    double mu = 0.95, kappa = 8;
    var m = new VonMisesMixture(new double[] {0}, new double[] {mu}, new double[] {kappa});
    var rng = new SplittableRandom(3);
    double c = 0, s = 0;
    for (int i = 0; i < N; i++) {
      double x = m.sample(rng);
      assertThat(x).isGreaterThanOrEqualTo(0).isLessThan(1);
      c += Math.cos(2 * Math.PI * x);
      s += Math.sin(2 * Math.PI * x);
    }
    double meanDir = Math.atan2(s, c) / (2 * Math.PI);
    double resultant = Math.hypot(c, s) / N;
    assertThat(VonMisesMixture.wrap(meanDir)).isCloseTo(mu, within(0.005));
    // E|R| = I1(κ)/I0(κ) ≈ 0.9353 for κ = 8.
    assertThat(resultant).isCloseTo(0.9353, within(0.005));
  }

  @Test
  void truncatedVonMisesStaysInItsArcAcrossZeroAndFollowsTheDensity() {
    var m = new VonMisesMixture(new double[] {0, 0}, new double[] {0.02, 0.5}, new double[] {20, 5});
    var rng = new SplittableRandom(9);
    double lo = 0.9, hi = 0.1; // the arc crosses 0
    int draws = 8_000, inFirstHalf = 0;
    for (int i = 0; i < draws; i++) {
      double x = m.sampleWithin(lo, hi, rng);
      assertThat(x >= lo || x <= hi).as("x = %s", x).isTrue();
      if (x >= lo) inFirstHalf++;
    }
    double massBelow0 = integrate(m, 0.9, 1.0), massAbove0 = integrate(m, 0.0, 0.1);
    assertThat(inFirstHalf / (double) draws).isCloseTo(massBelow0 / (massBelow0 + massAbove0), within(0.02));
  }

  @Test
  void truncatedVonMisesInANarrowLowMassRangeStillSamplesThere() {
    var m = new VonMisesMixture(new double[] {0}, new double[] {0.0}, new double[] {500});
    var rng = new SplittableRandom(2);
    for (int i = 0; i < 1_000; i++) {
      assertThat(m.sampleWithin(0.4, 0.45, rng)).isBetween(0.4, 0.45);
    }
  }

  @Test
  void logBesselI0MatchesKnownValues() {
    assertThat(VonMisesMixture.logBesselI0(0)).isCloseTo(0, within(1e-15));
    assertThat(Math.exp(VonMisesMixture.logBesselI0(1))).isCloseTo(1.2660658777520082, within(1e-12));
    assertThat(Math.exp(VonMisesMixture.logBesselI0(10))).isCloseTo(2815.716628466254, within(1e-6));
    assertThat(VonMisesMixture.logBesselI0(100)).isCloseTo(Math.log(1.0737517071310738e42), within(1e-6));
  }

  @Test
  void truncatedGaussianHasTheRightMean() {
    var g = new GaussianMixture(new double[] {0}, new double[] {0}, new double[] {1});
    var rng = new SplittableRandom(4);
    double sum = 0;
    for (int i = 0; i < N; i++) {
      double x = g.sampleWithin(0, Double.POSITIVE_INFINITY, rng);
      assertThat(x).isGreaterThanOrEqualTo(0);
      sum += x;
    }
    assertThat(sum / N).isCloseTo(Math.sqrt(2 / Math.PI), within(0.01)); // half-normal mean
  }

  @Test
  void farTailRangeIsSampledInsideTheRange() {
    var g = new GaussianMixture(new double[] {0}, new double[] {5}, new double[] {0.1});
    var rng = new SplittableRandom(8);
    for (int i = 0; i < 1_000; i++) assertThat(g.sampleWithin(9, 9.5, rng)).isBetween(9.0, 9.5);
    for (int i = 0; i < 1_000; i++) assertThat(g.sampleWithin(-3, -2, rng)).isBetween(-3.0, -2.0);
  }

  @Test
  void mixtureWeightsDecideTheComponent() {
    var g = new GaussianMixture(new double[] {Math.log(0.25), Math.log(0.75)}, new double[] {-10, 10}, new double[] {1, 1});
    var rng = new SplittableRandom(6);
    int positive = 0;
    for (int i = 0; i < N; i++) if (g.sample(rng) > 0) positive++;
    assertThat(positive / (double) N).isCloseTo(0.75, within(0.01));
  }

  private static double integrate(VonMisesMixture m, double a, double b) {
    int steps = 20_000;
    double s = 0;
    for (int i = 0; i < steps; i++) s += Math.exp(m.logDensity(a + (b - a) * (i + 0.5) / steps));
    return s * (b - a) / steps;
  }

  /**
   * The density of what truncated sampling draws integrates to 1 over the range (0 outside), and
   * matches a histogram of draws: the proposal density a Metropolis–Hastings step needs.
   */
  @Test
  void truncatedDensitiesAreWhatTheSamplersDraw() {
    var vm = new VonMisesMixture(new double[] {0, -1}, new double[] {0.05, 0.6}, new double[] {200, 3});
    var gm = new GaussianMixture(new double[] {0, -0.5}, new double[] {2.4, 3.1}, new double[] {0.2, 0.4});
    double[][] arcs = {{0.9, 0.2}, {0.3, 0.7}};
    // Each density or draw builds the sampler's 2048-cell grid, so both are evaluated sparingly:
    // 32 points per eighth of the arc, 1500 draws.
    int bins = 8, points = 32;
    for (double[] arc : arcs) {
      double lo = arc[0], hi = arc[1], width = hi >= lo ? hi - lo : 1 - lo + hi;
      double[] binMass = new double[bins];
      double mass = 0;
      for (int b = 0; b < bins; b++) {
        for (int i = 0; i < points; i++) {
          double x = VonMisesMixture.wrap(lo + width * (b + (i + 0.5) / points) / bins);
          binMass[b] += Math.exp(vm.logDensityWithin(x, lo, hi)) * width / bins / points;
        }
        mass += binMass[b];
      }
      assertThat(mass).isCloseTo(1.0, within(0.01));
      assertThat(vm.logDensityWithin(VonMisesMixture.wrap(hi + 0.05), lo, hi)).isEqualTo(Double.NEGATIVE_INFINITY);
      var rng = new SplittableRandom(9);
      int[] hist = new int[bins];
      int draws = 1500;
      for (int i = 0; i < draws; i++) hist[(int) Math.min(bins - 1, VonMisesMixture.wrap(vm.sampleWithin(lo, hi, rng) - lo) / width * bins)]++;
      for (int b = 0; b < bins; b++) {
        assertThat((double) hist[b] / draws).as("bin " + b).isCloseTo(binMass[b], within(0.035)); // > 4 standard deviations
      }
    }
    double lo = 2.0, hi = 3.5, mass = 0;
    int steps = 20_000;
    for (int i = 0; i < steps; i++) mass += Math.exp(gm.logDensityWithin(lo + (hi - lo) * (i + 0.5) / steps, lo, hi));
    assertThat(mass * (hi - lo) / steps).isCloseTo(1.0, within(1e-5));
    assertThat(gm.logDensityWithin(1.9, lo, hi)).isEqualTo(Double.NEGATIVE_INFINITY);
  }
}
