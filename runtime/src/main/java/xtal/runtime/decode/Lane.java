package xtal.runtime.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import xtal.compiler.Vocabulary;
import xtal.compiler.automaton.AngleBounds;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.SlotRule;
import xtal.compiler.automaton.TokenAutomaton;
import xtal.model.Layout;
import xtal.runtime.sampling.GaussianMixture;
import xtal.runtime.sampling.TokenSampler;
import xtal.runtime.sampling.VonMisesMixture;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Lattice;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * One sequence being decoded: its automaton state, what it has chosen, what it feeds next. Its
 * first {@code forced} slots are taken from a given crystal (teacher forcing) instead of drawn;
 * from slot {@code proposalFrom} on, it adds up the log-probability of each slot under the
 * distribution a draw would use (the proposal).
 */
final class Lane implements LaneView {
  /** Fractional-coordinate and lattice tolerance of a forced value against the query (as the matcher's). */
  private static final double TOLERANCE = 1e-4;

  final int index;
  private final SplittableRandom rng;
  private final Context ctx;

  // Teacher forcing: the crystal, how many of its slots, and from which slot the proposal counts.
  private final Crystal target;
  private final int forced;
  private final int proposalFrom;
  private int slot;

  private int state;
  private SpaceGroup group;
  private final List<Site> sites = new ArrayList<>();
  private int atoms;

  // The model input for the next step, and the kind of slot its output will be read as.
  int input = Layout.BOS;
  int next = Layout.NEXT_LETTER;
  final float[] features = new float[Layout.FEATURES];

  // The site under construction.
  private WyckoffPosition position;
  private Element element;
  private SlotAnnotation.Site siteRules;
  private final double[] xyz = new double[3];
  private int[] axes;
  private int axis;

  // The lattice.
  private SlotAnnotation.Lattice latticeRules;
  private final double[] lattice = new double[6];
  private int[] params;
  private int param;

  boolean done;
  String rejected;
  double logLikelihood, logProposal;
  final double[] byKind = new double[Layout.KINDS.size()];
  Crystal crystal;

  private MinimumDistance geometry;
  int resampled, tooClose;

  /** What every lane of a decode shares: the automaton, the options, the seams. */
  record Context(
      TokenAutomaton automaton, SampleOptions options, StepModel model, SampleProcessor processor, DecodeListener listener,
      boolean proposal) {}

  /**
   * @param target the crystal to force, or null to draw everything
   * @param forced how many of its slots to force
   * @param proposalFrom the first slot whose probability counts in {@link #logProposal}
   */
  Lane(int index, SplittableRandom rng, Context ctx, Crystal target, int forced, int proposalFrom) {
    this.index = index;
    this.rng = rng;
    this.ctx = ctx;
    this.target = target;
    this.forced = target == null ? 0 : forced;
    this.proposalFrom = proposalFrom;
  }

  /**
   * Draws the space group among those the query allows (or takes the forced crystal's); returns
   * its number, or 1 for a lane rejected at once (it then feeds padding).
   */
  int start(double[] prior) {
    if (done) return 1;
    TokenAutomaton a = ctx.automaton();
    int s0 = a.initialState();
    if (target != null) {
      int g = target.group().number();
      if (!a.allows(s0, Vocabulary.group(g))) return reject("space group " + g + " is not allowed by the query");
      group = target.group();
      state = a.step(s0, Vocabulary.group(g));
    } else {
      int[] allowed = a.allowedTokens(s0);
      int pick = drawGroup(allowed, prior, rng);
      group = SpaceGroups.get(Vocabulary.groupNumber(allowed[pick]));
      state = a.step(s0, allowed[pick]);
    }
    geometry = new MinimumDistance(group);
    return group.number();
  }

  /** The index in {@code allowed} (group tokens) drawn with weights {@code prior} (null: uniform). */
  private static int drawGroup(int[] allowed, double[] prior, SplittableRandom rng) {
    double total = 0;
    double[] w = new double[allowed.length];
    for (int k = 0; k < allowed.length; k++) {
      w[k] = prior == null ? 1 : prior[Vocabulary.groupNumber(allowed[k])];
      total += w[k];
    }
    if (!(total > 0)) return rng.nextInt(allowed.length); // the prior gives the allowed groups no weight
    double u = rng.nextDouble() * total, acc = 0;
    for (int k = 0; k < allowed.length; k++) {
      acc += w[k];
      if (u < acc) return k;
    }
    return allowed.length - 1;
  }

  /** Marks the lane rejected (it then feeds padding); returns the group to feed, 1. */
  int reject(String reason) {
    rejected = reason;
    done = true;
    return 1;
  }

  private boolean forcing() {
    return slot < forced;
  }

  private boolean counted() {
    return ctx.proposal() && slot >= proposalFrom;
  }

  private String where() {
    return "site " + (sites.size() + 1);
  }

  /** Reads this lane's row of a step's heads as the slot it asked for, and prepares the next input. */
  void consume(HeadOutputs h, int row) {
    Arrays.fill(features, 0f);
    if (next == Layout.NEXT_LETTER) letter(h, row);
    else if (next == Layout.NEXT_ELEMENT) element(h, row);
    else if (next >= Layout.NEXT_COORD && next < Layout.NEXT_LATTICE) coordinate(h, row);
    else lattice(h, row);
    slot++;
  }

  private void letter(HeadOutputs h, int row) {
    TokenAutomaton a = ctx.automaton();
    int classes = Layout.LETTER_CLASSES;
    long t0 = System.nanoTime();
    long[] mask = new long[1];
    for (int c = 0; c < Vocabulary.LETTERS; c++) {
      if (a.allows(state, Vocabulary.FIRST_LETTER + c)) mask[0] |= 1L << c;
    }
    if (a.allows(state, Vocabulary.END)) mask[0] |= 1L << Layout.END_CLASS;
    ctx.listener().automaton(System.nanoTime() - t0);
    int c = -1;
    if (forcing()) {
      c = sites.size() < target.sites().size() ? target.sites().get(sites.size()).position().index() : Layout.END_CLASS;
      if ((mask[0] >>> c & 1) == 0) {
        reject(c == Layout.END_CLASS ? "the query does not allow the site list to end after " + sites.size() + " sites"
            : where() + ": Wyckoff letter " + Vocabulary.letterOf(c) + " is not allowed by the query");
        return;
      }
    }
    c = discrete(h.letterLogits(), row, classes, mask, c, true);
    logLikelihood += addKind(Layout.KIND_LETTER, TokenSampler.maskedLogSoftmax(h.letterLogits(), row * classes, classes, mask, c));
    long t1 = System.nanoTime();
    if (c == Layout.END_CLASS) {
      state = a.step(state, Vocabulary.END);
      latticeRules = (SlotAnnotation.Lattice) a.annotation(state);
      ctx.listener().automaton(System.nanoTime() - t1);
      params = group.latticeRule().freeIndices();
      param = 0;
      input = Layout.END;
      next = params.length == 0 ? Layout.NEXT_NONE : Layout.NEXT_LATTICE + params[0];
      if (params.length == 0) finish();
      return;
    }
    char letter = Vocabulary.letterOf(c);
    state = a.step(state, Vocabulary.letter(letter));
    ctx.listener().automaton(System.nanoTime() - t1);
    position = group.position(letter).orElseThrow();
    input = Layout.wyckoffInput(group.number(), c);
    features[Layout.FEAT_MULTIPLICITY] = Layout.multiplicityFeature(position.multiplicity());
    next = Layout.NEXT_ELEMENT;
  }

  private void element(HeadOutputs h, int row) {
    TokenAutomaton a = ctx.automaton();
    int classes = Layout.ELEMENT_CLASSES;
    long t0 = System.nanoTime();
    long[] mask = new long[2];
    for (int c = 0; c < classes; c++) {
      if (a.allows(state, Vocabulary.FIRST_ELEMENT + c)) mask[c >>> 6] |= 1L << c;
    }
    ctx.listener().automaton(System.nanoTime() - t0);
    int c = -1;
    if (forcing()) {
      Element e = target.sites().get(sites.size()).element();
      c = e.z() - 1;
      if ((mask[c >>> 6] >>> c & 1) == 0) {
        reject(where() + ": " + e.symbol() + " is not allowed on " + position + " by the query");
        return;
      }
    }
    c = discrete(h.elementLogits(), row, classes, mask, c, false);
    logLikelihood += addKind(Layout.KIND_ELEMENT, TokenSampler.maskedLogSoftmax(h.elementLogits(), row * classes, classes, mask, c));
    long t1 = System.nanoTime();
    state = a.step(state, Vocabulary.FIRST_ELEMENT + c);
    siteRules = (SlotAnnotation.Site) a.annotation(state);
    ctx.listener().automaton(System.nanoTime() - t1);
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

  /**
   * The letter or element class: {@code forcedClass} when forcing, else drawn from the (processed)
   * masked logits; adds its proposal log-probability when counted.
   */
  private int discrete(float[] logits, int row, int classes, long[] mask, int forcedClass, boolean letters) {
    float[] l = logits;
    int from = row * classes;
    long[] allowed = mask;
    if (ctx.processor() != SampleProcessor.NONE) {
      l = Arrays.copyOfRange(logits, from, from + classes);
      from = 0;
      allowed = mask.clone();
      if (letters) ctx.processor().letters(this, l, allowed);
      else ctx.processor().elements(this, l, allowed);
      boolean any = false;
      for (int w = 0; w < allowed.length; w++) any |= (allowed[w] &= mask[w]) != 0; // narrow only
      if (!any) throw new IllegalStateException("the sample processor banned every " + (letters ? "letter" : "element") + " the query allows at " + where());
    }
    SampleOptions o = ctx.options();
    if (forcedClass >= 0) {
      if (counted()) logProposal += TokenSampler.logProbability(l, from, classes, allowed, 0, o.temperature(), o.topP(), forcedClass);
      return forcedClass;
    }
    TokenSampler.Choice choice = TokenSampler.sample(l, from, classes, allowed, 0, o.temperature(), o.topP(), rng);
    if (counted()) logProposal += choice.logProbability();
    return choice.token();
  }

  private double addKind(int kind, double logP) {
    byKind[kind] += logP;
    return logP;
  }

  private void coordinate(HeadOutputs h, int row) {
    SampleOptions o = ctx.options();
    int ax = axes[axis];
    VonMisesMixture vm = Decoder.coordMixture(h, row, ctx.model().coordComponents());
    VonMisesMixture drawn = ctx.processor() == SampleProcessor.NONE ? vm : ctx.processor().coordinate(this, ax, vm);
    SlotRule rule = siteRules.rules().get(ax);
    double x;
    if (forcing()) {
      x = Decoder.wrap(target.sites().get(sites.size()).xyz()[ax]);
      String why = violation(rule, x, true);
      if (why != null) {
        reject(where() + ": coordinate " + "xyz".charAt(ax) + " = " + x + " " + why);
        return;
      }
    } else {
      x = switch (rule) {
        case SlotRule.Fixed f -> f.value().mod1().toDouble();
        case SlotRule.Ranged r -> drawn.withTemperature(o.temperature()).sampleWithin(r.lo().toDouble(), r.hi().toDouble(), rng);
        case SlotRule.Tied t -> throw new IllegalStateException("free coordinate " + ax + " of " + position + " is tied: " + t);
        case SlotRule.Free f -> drawn.withTemperature(o.temperature()).sample(rng);
      };
    }
    xyz[ax] = x;
    if (!forcing() && axis == axes.length - 1 && o.minDistance() > 0) {
      // The site is complete once its last free coordinate is drawn: redraw that coordinate
      // (bounded) while its atoms crowd the ones already placed or each other.
      for (int k = 0; tooClose(o.minDistance()); k++) {
        if (k == SampleOptions.MAX_RESAMPLES || !(rule instanceof SlotRule.Free || rule instanceof SlotRule.Ranged)) {
          tooClose++;
          break;
        }
        VonMisesMixture t = drawn.withTemperature(o.temperature());
        xyz[ax] = rule instanceof SlotRule.Ranged r
            ? t.sampleWithin(r.lo().toDouble(), r.hi().toDouble(), rng)
            : t.sample(rng);
        resampled++;
      }
      x = xyz[ax];
    }
    logLikelihood += addKind(Layout.KIND_COORD, vm.logDensity(x));
    if (counted()) {
      VonMisesMixture t = drawn.withTemperature(o.temperature());
      logProposal += switch (rule) {
        case SlotRule.Ranged r -> t.logDensityWithin(x, r.lo().toDouble(), r.hi().toDouble());
        case SlotRule.Free f -> t.logDensity(x);
        default -> 0; // written, not drawn
      };
    }
    input = Layout.FIRST_COORD_INPUT + ax;
    Layout.fourier(x, features, 0);
    axis++;
    if (axis < axes.length) next = Layout.NEXT_COORD + axes[axis];
    else completeSite();
  }

  /** Why a forced value breaks a query's rule for its slot, or null when it keeps it. */
  private static String violation(SlotRule rule, double v, boolean modOne) {
    return switch (rule) {
      case SlotRule.Fixed f -> {
        double d = v - (modOne ? f.value().mod1().toDouble() : f.value().toDouble());
        if (modOne) d -= Math.rint(d);
        yield Math.abs(d) <= TOLERANCE ? null : "is not the query's " + f.value();
      }
      case SlotRule.Ranged r -> v >= r.lo().toDouble() - TOLERANCE && v <= r.hi().toDouble() + TOLERANCE
          ? null : "is outside the query's range [" + r.lo() + ", " + r.hi() + "]";
      default -> null;
    };
  }

  /** Writes fixed and tied coordinates, adds the site, and asks for the next letter. */
  private void completeSite() {
    resolveCoordinates();
    Site site = new Site(position, element, xyz[0], xyz[1], xyz[2]);
    if (target != null && sites.size() < target.sites().size() && slot < forced) {
      // a forced site: keep the given one, once its written coordinates agree with the query's
      Site given = target.sites().get(sites.size());
      for (int ax = 0; ax < 3; ax++) {
        double d = given.xyz()[ax] - xyz[ax];
        if (Math.abs(d - Math.rint(d)) > TOLERANCE) {
          reject(where() + ": coordinate " + "xyz".charAt(ax) + " = " + given.xyz()[ax] + " is not the " + xyz[ax] + " that " + position + " and the query fix");
          return;
        }
      }
      site = given;
    }
    sites.add(site);
    geometry.place(position.orbitOf(xyz.clone()));
    atoms += position.multiplicity();
    position = null;
    element = null;
    next = Layout.NEXT_LETTER;
  }

  /** Fills the fixed and tied coordinates of the site under construction from the free ones. */
  private void resolveCoordinates() {
    for (int ax = 0; ax < 3; ax++) {
      switch (siteRules.rules().get(ax)) {
        case SlotRule.Fixed f -> xyz[ax] = f.value().mod1().toDouble();
        case SlotRule.Tied t -> xyz[ax] = Decoder.wrap(t.factor().toDouble() * xyz[t.source()] + t.offset().toDouble());
        default -> {} // sampled
      }
    }
  }

  /** Whether the site under construction puts an atom closer than {@code d} Å to another (see {@link MinimumDistance}). */
  private boolean tooClose(double d) {
    resolveCoordinates();
    return geometry.crowds(position.orbitOf(xyz.clone()), atoms + position.multiplicity(), d);
  }

  private void lattice(HeadOutputs h, int row) {
    SampleOptions o = ctx.options();
    int p = params[param];
    GaussianMixture gm = Decoder.latticeMixture(h, row, ctx.model().latticeComponents());
    GaussianMixture drawn = ctx.processor() == SampleProcessor.NONE ? gm : ctx.processor().lattice(this, p, gm);
    double scale = Layout.latticeScale(p, atoms); // value = modelled × scale
    double[] range = validRange(p);
    SlotRule rule = latticeRules.rules().get(p);
    double lo = range[0], hi = range[1];
    if (rule instanceof SlotRule.Ranged r) {
      lo = Math.max(lo, r.lo().toDouble());
      hi = Math.min(hi, r.hi().toDouble());
    }
    double value;
    if (forcing()) {
      value = target.lattice().parameters()[p];
      String why = violation(rule, value, false);
      if (why == null && !(rule instanceof SlotRule.Fixed) && !(value > range[0] - TOLERANCE && value < range[1] + TOLERANCE))
        why = "is outside the sampler's valid range (" + range[0] + ", " + range[1] + ")";
      if (why != null) {
        reject("lattice parameter " + LATTICE_NAMES.get(p) + " = " + value + " " + why);
        return;
      }
    } else {
      value = switch (rule) {
        case SlotRule.Fixed f -> f.value().toDouble();
        case SlotRule.Ranged r -> scale * drawn.withTemperature(o.temperature()).sampleWithin(lo / scale, hi / scale, rng);
        case SlotRule.Tied t -> throw new IllegalStateException("free lattice parameter " + p + " is tied: " + t);
        case SlotRule.Free f -> scale * drawn.withTemperature(o.temperature()).sampleWithin(lo / scale, hi / scale, rng);
      };
    }
    double[] modelled = Layout.latticeTransform(p, value, atoms); // value / scale, ln|d modelled / d value|
    logLikelihood += addKind(Layout.KIND_LATTICE, gm.logDensity(modelled[0]) + modelled[1]);
    if (counted() && !(rule instanceof SlotRule.Fixed)) {
      // a forced value just inside the tolerance of a bound counts as the bound
      double m = Math.max(lo / scale, Math.min(hi / scale, modelled[0]));
      logProposal += drawn.withTemperature(o.temperature()).logDensityWithin(m, lo / scale, hi / scale) + modelled[1];
    }
    lattice[p] = value;
    input = Layout.FIRST_LATTICE_INPUT + p;
    features[Layout.FEAT_LATTICE] = (float) modelled[0];
    param++;
    if (param < params.length) {
      next = Layout.NEXT_LATTICE + params[param];
    } else {
      next = Layout.NEXT_NONE;
      finish();
    }
  }

  private static final List<String> LATTICE_NAMES = List.of("a", "b", "c", "alpha", "beta", "gamma");

  /**
   * The interval a sampled lattice parameter may take: a length within its range and within what
   * the checker accepts, so no sample fails its re-check; an angle within its range such that the
   * angles still to come can complete a cell with those drawn or fixed before ({@link
   * AngleBounds}; the compiler refused queries where none can).
   */
  private double[] validRange(int p) {
    if (p < 3) {
      double[] r = interval(p, new double[] {SentenceChecker.MIN_LENGTH, SentenceChecker.MAX_LENGTH});
      return new double[] {Math.max(r[0], SentenceChecker.MIN_LENGTH), Math.min(r[1], SentenceChecker.MAX_LENGTH)};
    }
    double m = AngleBounds.MARGIN;
    double[] free = AngleBounds.free(m);
    double[] r = switch (p) {
      case 3 -> AngleBounds.alpha(interval(3, free), interval(4, free), interval(5, free), m);
      case 4 -> AngleBounds.beta(angle(3), interval(4, free), interval(5, free), m);
      default -> AngleBounds.gamma(angle(3), angle(4), interval(5, free), m);
    };
    // never empty: the compiler refused queries whose angles leave no such cell
    return r[0] <= r[1] ? r : new double[] {r[1], r[1]};
  }

  /** A parameter's interval by its rule: a fixed value, a range, or {@code free} (angles never tie). */
  private double[] interval(int p, double[] free) {
    return switch (latticeRules.rules().get(p)) {
      case SlotRule.Fixed f -> new double[] {f.value().toDouble(), f.value().toDouble()};
      case SlotRule.Ranged r -> new double[] {Math.max(free[0], r.lo().toDouble()), Math.min(free[1], r.hi().toDouble())};
      default -> free;
    };
  }

  /** An angle already known: fixed by its rule, or drawn (or forced). */
  private double angle(int p) {
    return latticeRules.rules().get(p) instanceof SlotRule.Fixed f ? f.value().toDouble() : lattice[p];
  }


  private void finish() {
    for (int p = 0; p < 6; p++) {
      switch (latticeRules.rules().get(p)) {
        case SlotRule.Fixed f -> lattice[p] = f.value().toDouble();
        case SlotRule.Tied t -> lattice[p] = t.factor().toDouble() * lattice[t.source()] + t.offset().toDouble();
        default -> {}
      }
    }
    Lattice cell = Lattice.of(lattice);
    if (target != null && forced == Prefix.length(target)) {
      // wholly forced: the given lattice, once its written parameters agree with the query's
      double[] given = target.lattice().parameters();
      for (int p = 0; p < 6; p++) {
        if (Math.abs(given[p] - lattice[p]) > TOLERANCE) {
          reject("lattice parameter " + LATTICE_NAMES.get(p) + " = " + given[p] + " is not the " + lattice[p] + " the crystal system and the query fix");
          return;
        }
      }
      cell = target.lattice();
    }
    crystal = new Crystal(group, sites, cell);
    done = true;
  }

  // ---- LaneView

  @Override
  public int index() {
    return index;
  }

  @Override
  public SpaceGroup group() {
    return group;
  }

  @Override
  public List<Site> sites() {
    return Collections.unmodifiableList(sites);
  }

  @Override
  public WyckoffPosition position() {
    return position;
  }

  @Override
  public Element element() {
    return element;
  }

  @Override
  public int atoms() {
    return atoms;
  }
}
