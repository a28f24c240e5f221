package xtal.compiler;

import java.util.ArrayList;
import java.util.List;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.SlotRule;
import xtal.grammar.ast.Numeral;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.Template.NumberSlot;
import xtal.stdlib.spacegroup.CoordinateRule;
import xtal.stdlib.spacegroup.LatticeRule;
import xtal.stdlib.spacegroup.Rational;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * Combines what symmetry says about continuous slots (Wyckoff coordinate rules, the crystal
 * system's lattice rule) with what a template writes there (numbers, ranges, wildcards) into the
 * {@link SlotAnnotation} of a state, or says they are incompatible.
 *
 * <p>Known approximation: a range written on a coordinate that symmetry ties to another ({@code y
 * = 2x}) keeps the tie and drops the range; the decoder then samples the source freely.
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
   * differs from a fixed coordinate, or the count fits neither form.
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
    List<SlotRule> sym = of(p).rules();
    SlotRule[] out = combine(sym, perAxis, true);
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

  /**
   * The lattice of a crystal system with the template's lattice slots: {@code X-?} (all free), six
   * slots (full form) or one per free parameter (compact form). Null if incompatible.
   */
  static SlotAnnotation.Lattice lattice(LatticeRule rule, Template t) {
    if (t == null || t.latticeFree()) return of(rule);
    List<NumberSlot> slots = t.lattice();
    NumberSlot[] perParam = new NumberSlot[6];
    if (slots.size() == 6) {
      for (int i = 0; i < 6; i++) perParam[i] = slots.get(i);
    } else if (slots.size() == rule.freeCount()) {
      int[] free = rule.freeIndices();
      for (int k = 0; k < free.length; k++) perParam[free[k]] = slots.get(k);
    } else {
      return null;
    }
    SlotRule[] out = combine(of(rule).rules(), perParam, false);
    return out == null ? null : new SlotAnnotation.Lattice(List.of(out));
  }

  /**
   * Symmetry rules ∧ written slots. Sources of ties come first (the tables guarantee a tie points
   * to an earlier free slot). {@code modOne}: coordinates compare modulo 1.
   */
  private static SlotRule[] combine(List<SlotRule> sym, NumberSlot[] written, boolean modOne) {
    int n = sym.size();
    SlotRule[] out = new SlotRule[n];
    for (int i = 0; i < n; i++) {
      NumberSlot w = written[i];
      SlotRule s = sym.get(i);
      switch (s) {
        case SlotRule.Free f -> out[i] = fromWritten(w, modOne);
        case SlotRule.Fixed f -> {
          if (!admits(w, f.value(), modOne)) return null;
          out[i] = f;
        }
        case SlotRule.Tied t -> {
          out[i] = t;
          if (w instanceof Template.ExactNumber e) {
            Rational v = exact(e.value(), modOne);
            SlotRule src = out[t.source()];
            if (src instanceof SlotRule.Fixed sf) {
              if (!same(t.factor().multiply(sf.value()).add(t.offset()), v, modOne)) return null;
            } else if (src instanceof SlotRule.Ranged r) {
              Rational sv = solve(t, v, modOne);
              if (sv.compareTo(r.lo()) < 0 || sv.compareTo(r.hi()) > 0) return null;
              out[t.source()] = new SlotRule.Fixed(sv);
            } else if (src instanceof SlotRule.Free) {
              out[t.source()] = new SlotRule.Fixed(solve(t, v, modOne));
            }
          }
        }
        case SlotRule.Ranged r -> throw new IllegalStateException("symmetry never gives ranges");
      }
    }
    return out;
  }

  /** One source value s with factor·s + offset = v (mod 1 for coordinates), in [0, 1). */
  private static Rational solve(SlotRule.Tied t, Rational v, boolean modOne) {
    Rational s = v.subtract(t.offset()).multiply(new Rational(t.factor().den(), t.factor().num()));
    return modOne ? s.mod1() : s;
  }

  private static SlotRule fromWritten(NumberSlot w, boolean modOne) {
    return switch (w) {
      case null -> SlotRule.FREE;
      case Template.AnyNumber a -> SlotRule.FREE;
      case Template.ExactNumber e -> new SlotRule.Fixed(exact(e.value(), modOne));
      case Template.NumberRange r -> new SlotRule.Ranged(exact(r.low(), false), exact(r.high(), false));
    };
  }

  private static boolean admits(NumberSlot w, Rational v, boolean modOne) {
    return switch (w) {
      case null -> true;
      case Template.AnyNumber a -> true;
      case Template.ExactNumber e -> same(exact(e.value(), modOne), v, modOne);
      case Template.NumberRange r ->
          (v.compareTo(exact(r.low(), false)) >= 0 && v.compareTo(exact(r.high(), false)) <= 0)
              || (modOne && v.isZero() && exact(r.high(), false).compareTo(Rational.ONE) >= 0);
    };
  }

  private static boolean same(Rational a, Rational b, boolean modOne) {
    return modOne ? a.mod1().equals(b.mod1()) : a.equals(b);
  }

  /** The exact value of a numeral (reduced mod 1 for coordinates, so {@code 1} reads as {@code 0}). */
  static Rational exact(Numeral n, boolean modOne) {
    Rational r;
    try {
      r = Rational.of(n.numerator().longValueExact(), n.denominator().longValueExact());
    } catch (ArithmeticException e) {
      // absurdly long decimals: round to 1e-12, still far below any physical meaning
      r = Rational.of(Math.round(n.value() * 1e12), 1_000_000_000_000L);
    }
    return modOne ? r.mod1() : r;
  }
}
