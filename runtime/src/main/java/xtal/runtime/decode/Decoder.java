package xtal.runtime.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import xtal.compiler.Vocabulary;
import xtal.compiler.automaton.TokenAutomaton;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.SlotRule;
import xtal.models.seq.Layout;
import xtal.runtime.sampling.GaussianMixture;
import xtal.runtime.sampling.TokenSampler;
import xtal.runtime.sampling.VonMisesMixture;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Lattice;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * Constrained autoregressive decoding of a batch: the model proposes, the automaton disposes.
 *
 * <p>Each sequence of the batch (a "lane") walks the compiled automaton. Letter/END and element
 * logits are masked with the lane's state before sampling; coordinates and lattice parameters are
 * sampled only where the slot rules leave them free (truncated to a query's range where there is
 * one), and written where symmetry or the query fixes or ties them. So every sample is accepted by
 * the automaton by construction — there is no rejection step.
 *
 * <p>Sequence per crystal (see {@link Layout}): BOS, per site the Wyckoff position, the element and
 * the coordinates the position leaves free, END, then the free lattice parameters. All lanes feed
 * one position per {@link StepModel.Session#step} call; a finished lane feeds padding.
 *
 * <p>No per-generation state lives in fields: a decoder can serve concurrent callers.
 */
public final class Decoder {
  /** Å³ per atom of the provisional cell used for the minimum distance (the median of the MP-20 training set). */
  static final double VOLUME_PER_ATOM = 18.0;

  private final StepModel model;
  private final double[] groupPrior;
  private final int maxLength;

  /**
   * @param groupPrior weight per space group (index = number, 0 unused) used to draw the group
   *     among those the query allows; null for uniform
   * @param maxLength the model's longest sequence
   */
  public Decoder(StepModel model, double[] groupPrior, int maxLength) {
    this.model = model;
    this.groupPrior = groupPrior == null ? null : groupPrior.clone();
    this.maxLength = maxLength;
  }

  /**
   * Decodes crystals {@code first .. first+n-1} (indices fix their random streams) as one batch.
   */
  public List<Sample> decode(TokenAutomaton automaton, int first, int n, SampleOptions options) {
    return decode(automaton, first, n, options, new Timing());
  }

  /** Where decoding time goes, in nanoseconds (for benchmarks); accumulates over calls. */
  public static final class Timing {
    /** Inside the model's step (DJL + TensorFlow). */
    public long model;
    /** Building masks from automaton states and stepping the automaton. */
    public long automaton;
    /** The whole decode call. */
    public long total;
    /** Model calls (positions fed), summed over batches. */
    public long steps;
  }

  /** As {@link #decode(TokenAutomaton, int, int, SampleOptions)}, adding its time to {@code timing}. */
  public List<Sample> decode(TokenAutomaton automaton, int first, int n, SampleOptions options, Timing timing) {
    long started = System.nanoTime();
    Lane[] lanes = new Lane[n];
    int[] groups = new int[n];
    for (int i = 0; i < n; i++) {
      lanes[i] = new Lane(first + i, new SplittableRandom(streamSeed(options.seed(), first + i)));
      groups[i] = lanes[i].start(automaton, groupPrior);
    }
    int features = Layout.FEATURES;
    int[] input = new int[n], next = new int[n];
    float[] feats = new float[n * features];
    try (StepModel.Session session = model.start(groups)) {
      for (int position = 0; ; position++) {
        boolean any = false;
        for (int i = 0; i < n; i++) {
          Lane l = lanes[i];
          input[i] = l.done ? Layout.PAD : l.input;
          next[i] = l.done ? Layout.NEXT_NONE : l.next;
          System.arraycopy(l.features, 0, feats, i * features, features);
          any |= !l.done;
        }
        if (!any) break;
        if (position >= maxLength) {
          throw new IllegalStateException("sequence longer than the model's " + maxLength + " positions");
        }
        long t0 = System.nanoTime();
        HeadOutputs heads = session.step(input, feats, next);
        timing.model += System.nanoTime() - t0;
        timing.steps++;
        for (int i = 0; i < n; i++) {
          if (!lanes[i].done) lanes[i].consume(automaton, heads, i, options, model, timing);
        }
      }
    }
    timing.total += System.nanoTime() - started;
    List<Sample> out = new ArrayList<>(n);
    for (Lane l : lanes) out.add(new Sample(l.index, l.crystal, l.logLikelihood, l.resampled, l.tooClose));
    return out;
  }

  /** An independent, well-mixed random stream per sample index (murmur3's finalizer). */
  static long streamSeed(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xC2B2AE3D27D4EB4FL;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** One sequence being decoded: its automaton state, what it has chosen, what it feeds next. */
  private static final class Lane {
    final int index;
    final SplittableRandom rng;
    int state;
    SpaceGroup group;
    final List<Site> sites = new ArrayList<>();
    int atoms;

    // The model input for the next step, and the kind of slot its output will be read as.
    int input = Layout.BOS;
    int next = Layout.NEXT_LETTER;
    final float[] features = new float[Layout.FEATURES];

    // The site under construction.
    WyckoffPosition position;
    Element element;
    SlotAnnotation.Site siteRules;
    final double[] xyz = new double[3];
    int[] axes;
    int axis;

    // The lattice.
    SlotAnnotation.Lattice latticeRules;
    final double[] lattice = new double[6];
    int[] params;
    int param;

    boolean done;
    double logLikelihood;
    Crystal crystal;

    // Minimum distance: atoms placed so far (fractional), and what keeping it cost.
    final List<double[]> placed = new ArrayList<>();
    int resampled, tooClose;

    Lane(int index, SplittableRandom rng) {
      this.index = index;
      this.rng = rng;
    }

    /** Draws the space group among those the query allows; returns its number. */
    int start(TokenAutomaton a, double[] prior) {
      int s0 = a.initialState();
      int[] allowed = a.allowedTokens(s0);
      double total = 0;
      double[] w = new double[allowed.length];
      for (int k = 0; k < allowed.length; k++) {
        int g = Vocabulary.groupNumber(allowed[k]);
        w[k] = prior == null ? 1 : prior[g];
        total += w[k];
      }
      int pick = allowed.length - 1;
      if (total > 0) {
        double u = rng.nextDouble() * total, acc = 0;
        for (int k = 0; k < allowed.length; k++) {
          acc += w[k];
          if (u < acc) {
            pick = k;
            break;
          }
        }
      } else {
        pick = rng.nextInt(allowed.length); // the prior gives the allowed groups no weight
      }
      group = SpaceGroups.get(Vocabulary.groupNumber(allowed[pick]));
      state = a.step(s0, allowed[pick]);
      return group.number();
    }

    void consume(TokenAutomaton a, HeadOutputs h, int row, SampleOptions o, StepModel m, Timing t) {
      java.util.Arrays.fill(features, 0f);
      if (next == Layout.NEXT_LETTER) letter(a, h, row, o, t);
      else if (next == Layout.NEXT_ELEMENT) element(a, h, row, o, t);
      else if (next >= Layout.NEXT_COORD && next < Layout.NEXT_LATTICE) coordinate(h, row, o, m);
      else lattice(h, row, o, m);
    }

    private void letter(TokenAutomaton a, HeadOutputs h, int row, SampleOptions o, Timing t) {
      int classes = Layout.LETTER_CLASSES;
      long t0 = System.nanoTime();
      long[] mask = new long[1];
      for (int c = 0; c < Vocabulary.LETTERS; c++) {
        if (a.allows(state, Vocabulary.FIRST_LETTER + c)) mask[0] |= 1L << c;
      }
      if (a.allows(state, Vocabulary.END)) mask[0] |= 1L << Layout.END_CLASS;
      t.automaton += System.nanoTime() - t0;
      int c = TokenSampler.sample(h.letterLogits(), row * classes, classes, mask, 0, o.temperature(), o.topP(), rng).token();
      logLikelihood += maskedLogSoftmax(h.letterLogits(), row * classes, classes, mask, c);
      long t1 = System.nanoTime();
      if (c == Layout.END_CLASS) {
        state = a.step(state, Vocabulary.END);
        latticeRules = (SlotAnnotation.Lattice) a.annotation(state);
        t.automaton += System.nanoTime() - t1;
        params = group.latticeRule().freeIndices();
        param = 0;
        input = Layout.END;
        next = params.length == 0 ? Layout.NEXT_NONE : Layout.NEXT_LATTICE + params[0];
        if (params.length == 0) finish();
        return;
      }
      char letter = Vocabulary.letterOf(c);
      state = a.step(state, Vocabulary.letter(letter));
      t.automaton += System.nanoTime() - t1;
      position = group.position(letter).orElseThrow();
      input = Layout.wyckoffInput(group.number(), c);
      features[Layout.FEAT_MULTIPLICITY] = (float) (Math.log(position.multiplicity()) / Math.log(192));
      next = Layout.NEXT_ELEMENT;
    }

    private void element(TokenAutomaton a, HeadOutputs h, int row, SampleOptions o, Timing t) {
      int classes = Layout.ELEMENT_CLASSES;
      long t0 = System.nanoTime();
      long[] mask = new long[2];
      for (int c = 0; c < classes; c++) {
        if (a.allows(state, Vocabulary.FIRST_ELEMENT + c)) mask[c >>> 6] |= 1L << c;
      }
      t.automaton += System.nanoTime() - t0;
      int c = TokenSampler.sample(h.elementLogits(), row * classes, classes, mask, 0, o.temperature(), o.topP(), rng).token();
      logLikelihood += maskedLogSoftmax(h.elementLogits(), row * classes, classes, mask, c);
      long t1 = System.nanoTime();
      state = a.step(state, Vocabulary.FIRST_ELEMENT + c);
      siteRules = (SlotAnnotation.Site) a.annotation(state);
      t.automaton += System.nanoTime() - t1;
      element = Elements.byZ(c + 1);
      axes = position.freeAxes();
      axis = 0;
      input = Layout.FIRST_ELEMENT_INPUT + c;
      if (axes.length == 0) {
        completeSite();
      } else {
        next = Layout.NEXT_COORD + axes[0];
      }
    }

    private void coordinate(HeadOutputs h, int row, SampleOptions o, StepModel m) {
      int ax = axes[axis];
      VonMisesMixture vm = coordMixture(h, row, m.coordComponents());
      double x = switch (siteRules.rules().get(ax)) {
        case SlotRule.Fixed f -> f.value().mod1().toDouble();
        case SlotRule.Ranged r -> vm.withTemperature(o.temperature()).sampleWithin(r.lo().toDouble(), r.hi().toDouble(), rng);
        case SlotRule.Tied t -> throw new IllegalStateException("free coordinate " + ax + " of " + position + " is tied: " + t);
        case SlotRule.Free f -> vm.withTemperature(o.temperature()).sample(rng);
      };
      xyz[ax] = x;
      if (axis == axes.length - 1 && o.minDistance() > 0) {
        // The site is complete once its last free coordinate is drawn: redraw that coordinate
        // (bounded) while its atoms crowd the ones already placed or each other.
        SlotRule rule = siteRules.rules().get(ax);
        for (int k = 0; tooClose(o.minDistance()); k++) {
          if (k == SampleOptions.MAX_RESAMPLES || !(rule instanceof SlotRule.Free || rule instanceof SlotRule.Ranged)) {
            tooClose++;
            break;
          }
          VonMisesMixture t = vm.withTemperature(o.temperature());
          xyz[ax] = rule instanceof SlotRule.Ranged r
              ? t.sampleWithin(r.lo().toDouble(), r.hi().toDouble(), rng)
              : t.sample(rng);
          resampled++;
        }
        x = xyz[ax];
      }
      logLikelihood += vm.logDensity(x);
      input = Layout.FIRST_COORD_INPUT + ax;
      Layout.fourier(x, features, 0);
      axis++;
      if (axis < axes.length) next = Layout.NEXT_COORD + axes[axis];
      else completeSite();
    }

    /** Writes fixed and tied coordinates, adds the site, and asks for the next letter. */
    private void completeSite() {
      resolveCoordinates();
      sites.add(new Site(position, element, xyz[0], xyz[1], xyz[2]));
      placed.addAll(position.orbitOf(xyz.clone()));
      atoms += position.multiplicity();
      next = Layout.NEXT_LETTER;
    }

    /** Fills the fixed and tied coordinates of the site under construction from the free ones. */
    private void resolveCoordinates() {
      for (int ax = 0; ax < 3; ax++) {
        switch (siteRules.rules().get(ax)) {
          case SlotRule.Fixed f -> xyz[ax] = f.value().mod1().toDouble();
          case SlotRule.Tied t -> xyz[ax] = wrap(t.factor().toDouble() * xyz[t.source()] + t.offset().toDouble());
          default -> {} // sampled
        }
      }
    }

    /**
     * Whether the site under construction puts an atom closer than {@code d} Å to an atom already
     * placed or to another atom of its own orbit (periodic images included). The lattice is
     * sampled last, so distances are measured in a provisional cell of the crystal system's shape
     * holding {@link #VOLUME_PER_ATOM} Å³ per atom — the typical packing of MP-20 crystals.
     */
    private boolean tooClose(double d) {
      resolveCoordinates();
      List<double[]> orbit = position.orbitOf(xyz.clone());
      double[][] cell = provisionalCell(atoms + position.multiplicity());
      double d2 = d * d;
      for (int i = 0; i < orbit.size(); i++) {
        double[] p = orbit.get(i);
        for (double[] q : placed) if (distance2(cell, p, q) < d2) return true;
        for (int j = i + 1; j < orbit.size(); j++) {
          double r2 = distance2(cell, p, orbit.get(j));
          if (r2 < d2 && r2 > 1e-10) return true; // coincident images are one atom, not a clash
        }
      }
      return false;
    }

    private double[][] provisionalCell(int totalAtoms) {
      double gamma = switch (group.crystalSystem()) {
        case HEXAGONAL, TRIGONAL -> Math.toRadians(120);
        default -> Math.PI / 2;
      };
      double length = Math.cbrt(totalAtoms * VOLUME_PER_ATOM / Math.sin(gamma));
      return new double[][] {{length, 0, 0}, {length * Math.cos(gamma), length * Math.sin(gamma), 0}, {0, 0, length}};
    }

    /** Squared minimum-image distance (exact for the orthogonal cells, close for 120°). */
    private static double distance2(double[][] cell, double[] p, double[] q) {
      double best = Double.POSITIVE_INFINITY;
      double[] f = new double[3];
      for (int i = 0; i < 3; i++) f[i] = p[i] - q[i] - Math.rint(p[i] - q[i]);
      for (int a = -1; a <= 1; a++) {
        for (int b = -1; b <= 1; b++) {
          double x = (f[0] + a) * cell[0][0] + (f[1] + b) * cell[1][0];
          double y = (f[0] + a) * cell[0][1] + (f[1] + b) * cell[1][1];
          double z = f[2] * cell[2][2];
          best = Math.min(best, x * x + y * y + z * z);
        }
      }
      return best;
    }

    private void lattice(HeadOutputs h, int row, SampleOptions o, StepModel m) {
      int p = params[param];
      GaussianMixture gm = latticeMixture(h, row, m.latticeComponents());
      double scale = p < 3 ? Math.cbrt(atoms) : Layout.ANGLE_UNIT; // value = modelled × scale
      double[] range = validRange(p);
      double value = switch (latticeRules.rules().get(p)) {
        case SlotRule.Fixed f -> f.value().toDouble();
        case SlotRule.Ranged r ->
            scale * gm.withTemperature(o.temperature()).sampleWithin(
                Math.max(range[0], r.lo().toDouble()) / scale, Math.min(range[1], r.hi().toDouble()) / scale, rng);
        case SlotRule.Tied t -> throw new IllegalStateException("free lattice parameter " + p + " is tied: " + t);
        case SlotRule.Free f -> scale * gm.withTemperature(o.temperature()).sampleWithin(range[0] / scale, range[1] / scale, rng);
      };
      logLikelihood += gm.logDensity(value / scale) - Math.log(scale);
      lattice[p] = value;
      input = Layout.FIRST_LATTICE_INPUT + p;
      features[Layout.FEAT_LATTICE] = (float) (value / scale);
      param++;
      if (param < params.length) {
        next = Layout.NEXT_LATTICE + params[param];
      } else {
        next = Layout.NEXT_NONE;
        finish();
      }
    }

    /**
     * The open interval a free lattice parameter may take: lengths positive, angles in (0°, 180°),
     * and a third free angle such that the three form a cell (|α−β| < γ < min(α+β, 360°−α−β)).
     */
    private double[] validRange(int p) {
      if (p < 3) return new double[] {1e-3, Double.POSITIVE_INFINITY};
      double lo = 0.5, hi = 179.5;
      if (p == 5 && isFree(3) && isFree(4)) {
        double al = lattice[3], be = lattice[4];
        lo = Math.max(lo, Math.abs(al - be) + 0.5);
        hi = Math.min(hi, Math.min(al + be, 360 - al - be) - 0.5);
      }
      return new double[] {lo, hi};
    }

    private boolean isFree(int p) {
      for (int q : params) if (q == p) return true;
      return false;
    }

    private void finish() {
      for (int p = 0; p < 6; p++) {
        switch (latticeRules.rules().get(p)) {
          case SlotRule.Fixed f -> lattice[p] = f.value().toDouble();
          case SlotRule.Tied t -> lattice[p] = t.factor().toDouble() * lattice[t.source()] + t.offset().toDouble();
          default -> {}
        }
      }
      crystal = new Crystal(group, sites, Lattice.of(lattice));
      done = true;
    }
  }

  static VonMisesMixture coordMixture(HeadOutputs h, int row, int k) {
    double[] w = new double[k], mu = new double[k], kappa = new double[k];
    for (int c = 0; c < k; c++) {
      w[c] = h.coordLogWeights()[row * k + c];
      mu[c] = wrap(h.coordLocations()[row * k + c] / (2 * Math.PI));
      kappa[c] = h.coordConcentrations()[row * k + c];
    }
    return new VonMisesMixture(w, mu, kappa);
  }

  static GaussianMixture latticeMixture(HeadOutputs h, int row, int k) {
    double[] w = new double[k], mu = new double[k], sd = new double[k];
    for (int c = 0; c < k; c++) {
      w[c] = h.latticeLogWeights()[row * k + c];
      mu[c] = h.latticeMeans()[row * k + c];
      sd[c] = h.latticeStds()[row * k + c];
    }
    return new GaussianMixture(w, mu, sd);
  }

  /** log p(chosen) under softmax of {@code logits[from, from+count)} restricted to {@code mask}. */
  static double maskedLogSoftmax(float[] logits, int from, int count, long[] mask, int chosen) {
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < count; c++) if ((mask[c >>> 6] >>> c & 1) != 0) max = Math.max(max, logits[from + c]);
    double s = 0;
    for (int c = 0; c < count; c++) if ((mask[c >>> 6] >>> c & 1) != 0) s += Math.exp(logits[from + c] - max);
    return logits[from + chosen] - max - Math.log(s);
  }

  static double wrap(double x) {
    double w = x - Math.floor(x);
    return w >= 1 ? 0 : w;
  }
}
