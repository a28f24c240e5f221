package xtal.compiler;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import xtal.compiler.automaton.AngleBounds;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.SlotRule;
import xtal.grammar.ast.Numeral;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.Template.NumberSlot;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Lattice;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.Tolerance;
import xtal.stdlib.spacegroup.CoordinateRule;
import xtal.stdlib.spacegroup.LatticeRule;
import xtal.stdlib.spacegroup.Rational;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * Combines what symmetry says about continuous slots (Wyckoff coordinate rules, the crystal
 * system's lattice rule) with what a template writes there (numbers, ranges, wildcards) into the
 * {@link SlotAnnotation} of a state, or says they are incompatible. Written numbers mean what the
 * stdlib's TemplateMatcher says they mean: they match within the checker's {@link Tolerance}, and a
 * coordinate range is an arc modulo 1.
 *
 * <p>A number or range written on a slot that symmetry ties to another ({@code y = x}, {@code y =
 * 2x}, {@code b = a}) constrains the tie's source: the source keeps the intersection of its own
 * range with the preimage of the written one, so the decoder, which samples only sources, samples
 * only values whose tied slots obey the template. Where that intersection is more than one arc
 * ({@code y = 2x} with {@code y} in a range has two preimages), the source keeps the longest: sound,
 * but such a template generates and matches fewer crystals than it describes.
 */
final class SlotRules {
  private SlotRules() {}

  /** The annotation of a position with no template numbers: its Wyckoff rules. */
  static SlotAnnotation.Site of(WyckoffPosition p) {
    List<SlotRule> out = new ArrayList<>(3);
    for (CoordinateRule r : p.rules()) out.add(fromWyckoff(r));
    return new SlotAnnotation.Site(out);
  }

  private static SlotRule fromWyckoff(CoordinateRule r) {
    return switch (r) {
      case CoordinateRule.Free f -> SlotRule.FREE;
      case CoordinateRule.Fixed f -> new SlotRule.Fixed(f.value());
      case CoordinateRule.Tied t -> new SlotRule.Tied(t.sourceAxis(), t.factor(), t.offset());
    };
  }

  /**
   * The coordinates of a site at position {@code p} written as {@code coords} in a template: three
   * (full form) or exactly one per free coordinate (compact form; none for a position without free
   * coordinates), as the stdlib's TemplateMatcher reads them. Null if incompatible: a number
   * differs from a fixed coordinate, the tied ones cannot all hold, or the count fits neither form.
   */
  static SlotAnnotation.Site site(WyckoffPosition p, List<NumberSlot> coords) {
    NumberSlot[] perAxis = new NumberSlot[3];
    if (coords.size() == 3) {
      for (int i = 0; i < 3; i++) perAxis[i] = coords.get(i);
    } else if (coords.size() == p.degreesOfFreedom()) {
      int[] free = p.freeAxes();
      for (int k = 0; k < free.length; k++) perAxis[free[k]] = coords.get(k);
    } else {
      return null;
    }
    SlotRule[] out = Coordinates.combine(of(p).rules(), perAxis);
    return out == null ? null : new SlotAnnotation.Site(List.of(out));
  }

  /** The lattice rule of a crystal system as slot rules. */
  static SlotAnnotation.Lattice of(LatticeRule rule) {
    List<SlotRule> out = new ArrayList<>(6);
    for (LatticeRule.Param p : rule.params()) out.add(fromLattice(p));
    return new SlotAnnotation.Lattice(out);
  }

  private static SlotRule fromLattice(LatticeRule.Param p) {
    return switch (p) {
      case LatticeRule.Free f -> SlotRule.FREE;
      case LatticeRule.Equal e -> new SlotRule.Tied(e.to(), Rational.ONE, Rational.ZERO);
      case LatticeRule.Fixed x -> new SlotRule.Fixed(exactDegrees(x.degrees()));
    };
  }

  private static Rational exactDegrees(double d) {
    if (d == Math.rint(d)) return Rational.of((long) d);
    return Rational.of(Math.round(d * 1_000_000), 1_000_000);
  }

  /** Why a template's lattice cannot be: the index of the written slot to blame (-1: all), and what. */
  record Problem(int written, String message) {}

  /**
   * The lattice of a crystal system with the template's lattice slots: {@code X-?} (all free), six
   * slots (full form) or one per free parameter (compact form). Null if incompatible.
   */
  static SlotAnnotation.Lattice lattice(LatticeRule rule, Template t) {
    Object r = latticeOrProblem(rule, t);
    return r instanceof SlotAnnotation.Lattice l ? l : null;
  }

  /** What is wrong with the template's lattice under this crystal system, or null if nothing. */
  static Problem latticeProblem(LatticeRule rule, Template t) {
    return latticeOrProblem(rule, t) instanceof Problem p ? p : null;
  }

  private static Object latticeOrProblem(LatticeRule rule, Template t) {
    if (t == null || t.latticeFree()) return of(rule);
    List<NumberSlot> slots = t.lattice();
    NumberSlot[] perParam = new NumberSlot[6];
    int[] writtenAt = new int[6];
    java.util.Arrays.fill(writtenAt, -1);
    if (slots.size() == 6) {
      for (int i = 0; i < 6; i++) {
        perParam[i] = slots.get(i);
        writtenAt[i] = i;
      }
    } else if (slots.size() == rule.freeCount()) {
      int[] free = rule.freeIndices();
      for (int k = 0; k < free.length; k++) {
        perParam[free[k]] = slots.get(k);
        writtenAt[free[k]] = k;
      }
    } else {
      return new Problem(-1, "the lattice of a " + rule.system().displayName() + " group takes 6 parameters (full form) or "
          + rule.freeCount() + " (compact form: " + rule.freeNames() + "), found " + slots.size());
    }
    return LatticeSlots.combine(rule, of(rule).rules(), perParam, writtenAt);
  }

  /**
   * The value of a numeral as a rational: exact while numerator and denominator are small (every
   * decimal of up to 12 places, every fraction of the tables); else rounded to 1e-12, which is far
   * below any physical meaning and keeps the compiler's arithmetic within {@code long}.
   * Coordinates are reduced modulo 1, so {@code 1} reads as {@code 0}.
   */
  static Rational exact(Numeral n, boolean modOne) {
    Rational r;
    if (n.numerator().bitLength() <= 40 && n.denominator().bitLength() <= 40) {
      r = Rational.of(n.numerator().longValueExact(), n.denominator().longValueExact());
    } else {
      BigDecimal v = new BigDecimal(n.numerator()).divide(new BigDecimal(n.denominator()), 12, RoundingMode.HALF_EVEN);
      if (modOne) v = v.remainder(BigDecimal.ONE);
      if (v.compareTo(BigDecimal.valueOf(1_000_000)) >= 0) {
        r = Rational.of(v.setScale(0, RoundingMode.HALF_EVEN).longValueExact()); // < 1e18: the parser's 18 digits
      } else {
        r = Rational.of(v.movePointRight(12).setScale(0, RoundingMode.HALF_EVEN).longValueExact(), 1_000_000_000_000L);
      }
    }
    return modOne ? r.mod1() : r;
  }

  // ------------------------------------------------------------------ coordinates

  /** Coordinate slots: values modulo 1, ranges as arcs of the circle. */
  static final class Coordinates {
    private Coordinates() {}

    /**
     * Symmetry rules ∧ written slots. Sources of ties come first (the tables guarantee a tie points
     * to an earlier free slot), so a tied slot's constraint narrows its source's rule in place.
     */
    static SlotRule[] combine(List<SlotRule> sym, NumberSlot[] written) {
      SlotRule[] out = new SlotRule[3];
      for (int i = 0; i < 3; i++) {
        NumberSlot w = written[i] instanceof Template.AnyNumber ? null : written[i];
        switch (sym.get(i)) {
          case SlotRule.Free f -> out[i] = fromWritten(w);
          case SlotRule.Fixed f -> {
            if (!admits(w, f.value())) return null;
            out[i] = f;
          }
          case SlotRule.Tied t -> {
            out[i] = t;
            if (w == null) break;
            SlotRule src = narrowSource(t, out[t.source()], w);
            if (src == null) return null;
            out[t.source()] = src;
          }
          case SlotRule.Ranged r -> throw new IllegalStateException("symmetry never gives ranges");
        }
      }
      return out;
    }

    /** The source's rule once the tied slot must also obey {@code w}; null if it cannot. */
    private static SlotRule narrowSource(SlotRule.Tied t, SlotRule src, NumberSlot w) {
      return switch (src) {
        case SlotRule.Fixed f -> admits(w, image(t, f.value())) ? f : null;
        case SlotRule.Tied x -> throw new IllegalStateException("a tie's source is never tied");
        case SlotRule.Free f -> narrow(t, new Arc(Rational.ZERO, Rational.ONE), w);
        case SlotRule.Ranged r -> narrow(t, Arc.of(r.lo(), r.hi()), w);
      };
    }

    /** The source's new rule: a point or the longest arc of {@code source} whose image obeys {@code w}. */
    private static SlotRule narrow(SlotRule.Tied t, Arc source, NumberSlot w) {
      if (w instanceof Template.ExactNumber e) {
        // the exact preimages of the written value; one on the source's arc, if any
        Rational v = exact(e.value(), true);
        for (Rational x : preimages(t, v)) if (source.containsWithin(x)) return new SlotRule.Fixed(source.clamp(x));
        return null;
      }
      Template.NumberRange r = (Template.NumberRange) w;
      Arc written = Arc.of(exact(r.low(), false), exact(r.high(), false));
      if (written.isWhole()) return rule(source);
      Arc best = null;
      for (Arc pre : preimages(t, written))
        for (Arc a : source.intersect(pre)) if (best == null || a.length().compareTo(best.length()) > 0) best = a;
      return best == null ? null : rule(best);
    }

    private static SlotRule rule(Arc a) {
      return a.isWhole() ? SlotRule.FREE : new SlotRule.Ranged(a.lo(), a.hi());
    }

    /** factor·x + offset modulo 1. */
    private static Rational image(SlotRule.Tied t, Rational x) {
      return t.factor().multiply(x).add(t.offset()).mod1();
    }

    /** The x in [0, 1) with factor·x + offset ≡ v (mod 1): |factor| of them. */
    private static List<Rational> preimages(SlotRule.Tied t, Rational v) {
      long f = t.factor().num(); // the tables' factors are whole numbers
      List<Rational> out = new ArrayList<>();
      for (long k = 0; k < Math.abs(f); k++) out.add(v.subtract(t.offset()).add(Rational.of(k)).multiply(Rational.of(1, f)).mod1());
      return out;
    }

    /** The arcs of x whose image factor·x + offset lies on {@code y}: |factor| of them. */
    private static List<Arc> preimages(SlotRule.Tied t, Arc y) {
      long f = t.factor().num();
      Rational inv = Rational.of(1, f);
      List<Arc> out = new ArrayList<>();
      for (long k = 0; k < Math.abs(f); k++) {
        Rational a = y.lo().subtract(t.offset()).add(Rational.of(k)).multiply(inv);
        Rational b = y.hi().subtract(t.offset()).add(Rational.of(k)).multiply(inv);
        out.add(f > 0 ? Arc.of(a, b) : Arc.of(b, a));
      }
      return out;
    }

    private static SlotRule fromWritten(NumberSlot w) {
      return switch (w) {
        case null -> SlotRule.FREE;
        case Template.AnyNumber a -> SlotRule.FREE;
        case Template.ExactNumber e -> new SlotRule.Fixed(exact(e.value(), true));
        case Template.NumberRange r -> rule(Arc.of(exact(r.low(), false), exact(r.high(), false)));
      };
    }

    /** Whether the written slot matches a coordinate of exactly {@code v}, by the checker's tolerance. */
    private static boolean admits(NumberSlot w, Rational v) {
      return switch (w) {
        case null -> true;
        case Template.AnyNumber a -> true;
        case Template.ExactNumber e -> Tolerance.sameCoordinate(v.toDouble(), e.value().value());
        case Template.NumberRange r -> Tolerance.coordinateInRange(v.toDouble(), r.low().value(), r.high().value());
      };
    }
  }

  /**
   * An arc of the circle of coordinates modulo 1, from {@code lo} in [0, 1) to {@code hi}, {@code
   * lo <= hi <= lo + 1}; length 1 is the whole circle.
   */
  record Arc(Rational lo, Rational hi) {
    /** The arc from {@code a} to {@code b} (b ≥ a), moved so that it starts in [0, 1). */
    static Arc of(Rational a, Rational b) {
      if (b.subtract(a).compareTo(Rational.ONE) >= 0) return new Arc(Rational.ZERO, Rational.ONE);
      Rational lo = a.mod1();
      return new Arc(lo, b.subtract(a.subtract(lo)));
    }

    boolean isWhole() {
      return length().compareTo(Rational.ONE) >= 0;
    }

    Rational length() {
      return hi.subtract(lo);
    }

    /** The common arcs (at most two). */
    List<Arc> intersect(Arc o) {
      List<Arc> out = new ArrayList<>(2);
      for (long k = -1; k <= 1; k++) {
        Rational a = max(lo, o.lo.add(Rational.of(k))), b = min(hi, o.hi.add(Rational.of(k)));
        if (a.compareTo(b) <= 0) {
          Arc c = Arc.of(a, b);
          if (!out.contains(c)) out.add(c);
        }
      }
      return out;
    }

    /** Whether x (in [0, 1)) is on the arc, within the coordinate tolerance. */
    boolean containsWithin(Rational x) {
      return Tolerance.coordinateInRange(x.toDouble(), lo.toDouble(), hi.toDouble());
    }

    /** x moved onto the arc if it lies just outside (within the tolerance). */
    Rational clamp(Rational x) {
      for (long k = -1; k <= 1; k++) {
        Rational y = x.add(Rational.of(k));
        if (y.compareTo(lo) >= 0 && y.compareTo(hi) <= 0) return x;
      }
      double d = x.toDouble() - lo.toDouble();
      return Math.abs(d - Math.rint(d)) <= Tolerance.COORDINATE ? lo.mod1() : hi.mod1();
    }

    private static Rational max(Rational a, Rational b) {
      return a.compareTo(b) >= 0 ? a : b;
    }

    private static Rational min(Rational a, Rational b) {
      return a.compareTo(b) <= 0 ? a : b;
    }
  }

  // ------------------------------------------------------------------ lattice

  /** Lattice slots: lengths positive, angles forming a cell, ranges of tied lengths intersected. */
  static final class LatticeSlots {
    private LatticeSlots() {}

    /** The annotation, or the {@link Problem} that makes it impossible. */
    static Object combine(LatticeRule rule, List<SlotRule> sym, NumberSlot[] written, int[] writtenAt) {
      SlotRule[] out = new SlotRule[6];
      for (int i = 0; i < 6; i++) {
        NumberSlot w = written[i] instanceof Template.AnyNumber ? null : written[i];
        String name = LatticeRule.NAMES.get(i);
        switch (sym.get(i)) {
          case SlotRule.Free f -> out[i] = fromWritten(w);
          case SlotRule.Fixed f -> {
            if (!admits(i, w, f.value())) {
              return new Problem(writtenAt[i], "a " + rule.system().displayName() + " lattice has " + name + " = " + f.value()
                  + ", but the template writes " + text(w));
            }
            out[i] = f;
          }
          case SlotRule.Tied t -> {
            out[i] = t;
            if (w == null) break;
            SlotRule src = narrow(t.source(), out[t.source()], w);
            if (src == null) {
              return new Problem(writtenAt[i], "a " + rule.system().displayName() + " lattice has " + name + " = "
                  + LatticeRule.NAMES.get(t.source()) + ", but the template writes " + text(written[t.source()]) + " and " + text(w));
            }
            out[t.source()] = src;
          }
          case SlotRule.Ranged r -> throw new IllegalStateException("symmetry never gives ranges");
        }
      }
      for (int i = 0; i < 3; i++) {
        // the checker's lengths: a range keeps its part within them, a number must lie within
        double lo = SentenceChecker.MIN_LENGTH, hi = SentenceChecker.MAX_LENGTH;
        boolean within = switch (out[i]) {
          case SlotRule.Fixed f -> f.value().toDouble() >= lo && f.value().toDouble() <= hi;
          case SlotRule.Ranged r -> r.hi().toDouble() >= lo && r.lo().toDouble() <= hi;
          default -> true;
        };
        if (!within) {
          return new Problem(at(writtenAt, i), "lattice length " + LatticeRule.NAMES.get(i) + " must lie in " + Crystal.number(lo) + ".."
              + Crystal.number(hi) + " Å, found " + text(written[i] != null ? written[i] : written[sourceOf(sym, i)]));
        }
        if (out[i] instanceof SlotRule.Ranged r) {
          Rational a = max(r.lo(), exactBound(lo)), b = min(r.hi(), exactBound(hi));
          out[i] = new SlotRule.Ranged(a, b);
        }
      }
      double[][] angles = new double[3][];
      for (int i = 3; i < 6; i++) {
        angles[i - 3] = switch (out[i]) {
          case SlotRule.Fixed f -> new double[] {f.value().toDouble(), f.value().toDouble()};
          case SlotRule.Ranged r -> new double[] {r.lo().toDouble(), r.hi().toDouble()};
          default -> AngleBounds.free(0);
        };
        double[] a = angles[i - 3];
        if (a[1] <= 0 || a[0] >= 180 || (out[i] instanceof SlotRule.Fixed && a[0] <= 0)) {
          return new Problem(at(writtenAt, i), "lattice angle " + LatticeRule.NAMES.get(i) + " must lie strictly between 0 and 180 degrees, found "
              + text(written[i]));
        }
      }
      boolean allFixed = angles[0][0] == angles[0][1] && angles[1][0] == angles[1][1] && angles[2][0] == angles[2][1];
      boolean cell = allFixed ? Lattice.anglesValid(angles[0][0], angles[1][0], angles[2][0]) : AngleBounds.feasible(angles[0], angles[1], angles[2]);
      if (!cell) {
        return new Problem(writtenAt[3] >= 0 ? writtenAt[3] : -1, "angles " + text(written[3], out[3]) + ", " + text(written[4], out[4]) + ", "
            + text(written[5], out[5]) + " cannot form a cell (it needs |alpha - beta| < gamma < alpha + beta and alpha + beta + gamma < 360, "
            + (allFixed ? "" : "every angle " + AngleBounds.MARGIN + " degrees inside these bounds, ") + "with positive volume)");
      }
      return new SlotAnnotation.Lattice(List.of(out));
    }

    private static int at(int[] writtenAt, int i) {
      return writtenAt[i];
    }

    /** The slot a tied length follows, else itself. */
    private static int sourceOf(List<SlotRule> sym, int i) {
      return sym.get(i) instanceof SlotRule.Tied t ? t.source() : i;
    }

    private static Rational exactBound(double v) {
      return Rational.of(Math.round(v * 1000), 1000);
    }

    /** The source's rule once a length tied to it must obey {@code w}; null if it cannot. */
    private static SlotRule narrow(int source, SlotRule src, NumberSlot w) {
      return switch (src) {
        case SlotRule.Fixed f -> admits(source, w, f.value()) ? f : null;
        case SlotRule.Free f -> fromWritten(w);
        case SlotRule.Tied x -> throw new IllegalStateException("a tie's source is never tied");
        case SlotRule.Ranged r -> switch (w) {
          case Template.ExactNumber e -> {
            Rational v = exact(e.value(), false);
            if (!Tolerance.latticeInRange(source, v.toDouble(), r.lo().toDouble(), r.hi().toDouble())) yield null;
            yield new SlotRule.Fixed(v.compareTo(r.lo()) < 0 ? r.lo() : v.compareTo(r.hi()) > 0 ? r.hi() : v);
          }
          case Template.NumberRange n -> {
            Rational lo = max(r.lo(), exact(n.low(), false)), hi = min(r.hi(), exact(n.high(), false));
            yield lo.compareTo(hi) <= 0 ? new SlotRule.Ranged(lo, hi) : null;
          }
          default -> r;
        };
      };
    }

    private static SlotRule fromWritten(NumberSlot w) {
      return switch (w) {
        case null -> SlotRule.FREE;
        case Template.AnyNumber a -> SlotRule.FREE;
        case Template.ExactNumber e -> new SlotRule.Fixed(exact(e.value(), false));
        case Template.NumberRange r -> new SlotRule.Ranged(exact(r.low(), false), exact(r.high(), false));
      };
    }

    private static boolean admits(int param, NumberSlot w, Rational v) {
      return switch (w) {
        case null -> true;
        case Template.AnyNumber a -> true;
        case Template.ExactNumber e -> Tolerance.sameLattice(param, v.toDouble(), e.value().value());
        case Template.NumberRange r -> Tolerance.latticeInRange(param, v.toDouble(), r.low().value(), r.high().value());
      };
    }

    private static Rational max(Rational a, Rational b) {
      return a.compareTo(b) >= 0 ? a : b;
    }

    private static Rational min(Rational a, Rational b) {
      return a.compareTo(b) <= 0 ? a : b;
    }

    private static String text(NumberSlot w) {
      return switch (w) {
        case null -> "nothing";
        case Template.AnyNumber a -> "?";
        case Template.ExactNumber e -> e.value().text();
        case Template.NumberRange r -> "[" + r.low().text() + ".." + r.high().text() + "]";
      };
    }

    private static String text(NumberSlot w, SlotRule r) {
      return w != null && !(w instanceof Template.AnyNumber) ? text(w) : r instanceof SlotRule.Fixed f ? f.value().toString() : "?";
    }
  }
}
