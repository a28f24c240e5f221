package xtal.runtime.decode;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import xtal.compiler.CrystalMatcher;
import xtal.compiler.automaton.TokenAutomaton;
import xtal.model.Layout;
import xtal.runtime.sampling.GaussianMixture;
import xtal.runtime.sampling.VonMisesMixture;

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
 * <p>Three uses share one loop ({@link Lane} holds a sequence's state): {@link #decode} draws
 * whole crystals; {@link #complete} teacher-forces a {@link Prefix} of a given crystal and draws
 * the rest (a proposal for MCMC, with its exact log-probability); {@link #score} forces a whole
 * crystal and reports its log-likelihood and the log-probability of any suffix. A {@link
 * SampleProcessor} may narrow or reshape the distributions draws use; a {@link DecodeListener}
 * hears where the time goes.
 *
 * <p>No per-generation state lives in fields: a decoder can serve concurrent callers.
 */
public final class Decoder {
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
    return decode(automaton, first, n, options, SampleProcessor.NONE, DecodeListener.NONE);
  }

  /** Where decoding time goes, in nanoseconds (for benchmarks); accumulates over calls. */
  public static final class Timing implements DecodeListener {
    /** Inside the model's step (DJL + TensorFlow). */
    public long model;
    /** Building masks from automaton states and stepping the automaton. */
    public long automaton;
    /** The whole decode call. */
    public long total;
    /** Model calls (positions fed), summed over batches. */
    public long steps;

    @Override
    public void modelStep(long nanos, int lanes) {
      model += nanos;
      steps++;
    }

    @Override
    public void automaton(long nanos) {
      automaton += nanos;
    }

    @Override
    public void batch(long nanos, int sequences) {
      total += nanos;
    }
  }

  /** As {@link #decode(TokenAutomaton, int, int, SampleOptions)}, adding its time to {@code timing}. */
  public List<Sample> decode(TokenAutomaton automaton, int first, int n, SampleOptions options, Timing timing) {
    return decode(automaton, first, n, options, SampleProcessor.NONE, timing);
  }

  /**
   * As {@link #decode(TokenAutomaton, int, int, SampleOptions)}, drawing through {@code
   * processor} and reporting to {@code listener}.
   */
  public List<Sample> decode(
      TokenAutomaton automaton, int first, int n, SampleOptions options, SampleProcessor processor, DecodeListener listener) {
    Lane.Context ctx = new Lane.Context(automaton, options, model, processor, listener, false);
    Lane[] lanes = new Lane[n];
    for (int i = 0; i < n; i++) lanes[i] = new Lane(first + i, random(options, first + i), ctx, null, 0, 0);
    run(lanes, listener);
    List<Sample> out = new ArrayList<>(n);
    for (Lane l : lanes) out.add(sample(l));
    return out;
  }

  /**
   * Completes each prefix as one batch: its slots are teacher-forced through the model (the
   * automaton stepped along them), the rest is drawn. Prefix {@code i} draws from the random
   * stream of index {@code first + i}, so a call is reproducible from its seed.
   */
  public List<Completion> complete(
      TokenAutomaton automaton, List<Prefix> prefixes, int first, SampleOptions options, SampleProcessor processor, DecodeListener listener) {
    Lane.Context ctx = new Lane.Context(automaton, options, model, processor, listener, true);
    Lane[] lanes = new Lane[prefixes.size()];
    for (int i = 0; i < lanes.length; i++) {
      Prefix p = prefixes.get(i);
      lanes[i] = new Lane(first + i, random(options, first + i), ctx, p.crystal(), p.slots(), p.slots());
      rejectTooLong(lanes[i], p.crystal());
    }
    run(lanes, listener);
    List<Completion> out = new ArrayList<>(lanes.length);
    for (Lane l : lanes) {
      out.add(l.rejected != null ? new Rejected(l.index, l.rejected) : new Proposal(l.index, sample(l), l.logProposal));
    }
    return out;
  }

  /**
   * Scores each crystal as one batch: all its slots are forced; {@link Score#logProposal} counts
   * those after the prefix, under the options' temperature and top-p and the processor. A crystal
   * the automaton does not accept (tokens or values) is {@link Rejected}.
   */
  public List<Scoring> score(
      TokenAutomaton automaton, List<Prefix> splits, int first, SampleOptions options, SampleProcessor processor, DecodeListener listener) {
    Lane.Context ctx = new Lane.Context(automaton, options, model, processor, listener, true);
    Lane[] lanes = new Lane[splits.size()];
    for (int i = 0; i < lanes.length; i++) {
      Prefix p = splits.get(i);
      lanes[i] = new Lane(first + i, random(options, first + i), ctx, p.crystal(), Prefix.length(p.crystal()), p.slots());
      rejectTooLong(lanes[i], p.crystal());
    }
    run(lanes, listener);
    List<Scoring> out = new ArrayList<>(lanes.length);
    for (int i = 0; i < lanes.length; i++) {
      Lane l = lanes[i];
      String why = l.rejected;
      // the lane checks what it forces; the matcher, an independent path, must agree
      if (why == null && !CrystalMatcher.accepts(automaton, splits.get(i).crystal())) why = "the query does not accept the crystal";
      out.add(why != null ? new Rejected(l.index, why) : new Score(l.index, l.logLikelihood, l.byKind.clone(), l.logProposal));
    }
    return out;
  }

  /** A given crystal whose sequence the model cannot hold is rejected, not run into the length limit. */
  private void rejectTooLong(Lane lane, xtal.stdlib.crystal.Crystal c) {
    if (Prefix.length(c) >= maxLength) lane.reject("the crystal's " + (Prefix.length(c) + 1) + " positions exceed the model's " + maxLength);
  }

  private static SplittableRandom random(SampleOptions options, long index) {
    return new SplittableRandom(streamSeed(options.seed(), index));
  }

  private static Sample sample(Lane l) {
    return new Sample(l.index, l.crystal, l.logLikelihood, l.resampled, l.tooClose);
  }

  /** Steps all lanes together, one position per model call, until every lane is done. */
  private void run(Lane[] lanes, DecodeListener listener) {
    long started = System.nanoTime();
    int n = lanes.length;
    int[] groups = new int[n];
    for (int i = 0; i < n; i++) groups[i] = lanes[i].start(groupPrior);
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
        listener.modelStep(System.nanoTime() - t0, n);
        for (int i = 0; i < n; i++) {
          if (!lanes[i].done) lanes[i].consume(heads, i);
        }
      }
    }
    listener.batch(System.nanoTime() - started, n);
  }

  /** An independent, well-mixed random stream per sample index (murmur3's finalizer). */
  static long streamSeed(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + (index + 1) * 0xC2B2AE3D27D4EB4FL;
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
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

  static double wrap(double x) {
    double w = x - Math.floor(x);
    return w >= 1 ? 0 : w;
  }
}
