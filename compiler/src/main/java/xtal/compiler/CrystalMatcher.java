package xtal.compiler;

import java.util.List;
import xtal.compiler.automaton.CompiledAutomaton;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.SlotRule;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Site;

/**
 * Decides whether a checked crystal is accepted by a compiled query: its discrete tokens must be
 * a word of the automaton, and every continuous value must obey the slot annotation of the state
 * it follows (fixed values and ties within a tolerance, ranges inclusive). Used by {@code xtalc
 * match} and by the tests.
 */
public final class CrystalMatcher {
  private CrystalMatcher() {}

  /** Fractional-coordinate tolerance (modulo 1), as the stdlib's sentence checker uses. */
  public static final double COORDINATE_TOLERANCE = 1e-4;
  /** Lattice tolerance for exact numbers (Å, degrees), as the stdlib's TemplateMatcher uses. */
  public static final double LATTICE_TOLERANCE = 1e-4;

  /** The discrete token string of a crystal: group, (letter, element)*, END. */
  public static int[] tokens(Crystal c) {
    int[] t = new int[2 + 2 * c.sites().size()];
    t[0] = Vocabulary.group(c.group().number());
    int i = 1;
    for (Site s : c.sites()) {
      t[i++] = Vocabulary.letter(s.letter());
      t[i++] = Vocabulary.element(s.element().z());
    }
    t[i] = Vocabulary.END;
    return t;
  }

  /** Whether the query accepts the crystal (tokens and continuous values). */
  public static boolean accepts(CompiledQuery q, Crystal c) {
    return accepts(q.tokenAutomaton(), c);
  }

  /** Whether the automaton accepts the crystal (tokens and continuous values). */
  public static boolean accepts(xtal.compiler.automaton.TokenAutomaton a, Crystal c) {
    int s = a.step(a.initialState(), Vocabulary.group(c.group().number()));
    if (s < 0) return false;
    for (Site site : c.sites()) {
      s = a.step(s, Vocabulary.letter(site.letter()));
      if (s < 0) return false;
      s = a.step(s, Vocabulary.element(site.element().z()));
      if (s < 0) return false;
      if (!obeys(a.annotation(s), site.xyz(), true)) return false;
    }
    s = a.step(s, Vocabulary.END);
    if (s < 0 || !a.isAccept(s)) return false;
    return obeys(a.annotation(s), c.lattice().parameters(), false);
  }

  /** Whether values obey the rules of an annotation (null: anything goes). */
  public static boolean obeys(SlotAnnotation ann, double[] values, boolean modOne) {
    if (ann == null) return true;
    List<SlotRule> rules = ann.rules();
    double tol = modOne ? COORDINATE_TOLERANCE : LATTICE_TOLERANCE;
    for (int i = 0; i < rules.size(); i++) {
      double v = values[i];
      boolean ok = switch (rules.get(i)) {
        case SlotRule.Free f -> true;
        case SlotRule.Fixed f -> close(v, f.value().toDouble(), tol, modOne);
        case SlotRule.Tied t -> close(v, t.factor().toDouble() * values[t.source()] + t.offset().toDouble(), tol, modOne);
        case SlotRule.Ranged r -> v >= r.lo().toDouble() - tol && v <= r.hi().toDouble() + tol;
      };
      if (!ok) return false;
    }
    return true;
  }

  private static boolean close(double a, double b, double tol, boolean modOne) {
    double d = a - b;
    if (modOne) d -= Math.rint(d);
    return Math.abs(d) <= tol;
  }
}
