package xtal.compiler;

import java.util.List;
import xtal.compiler.automaton.CompiledAutomaton;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.SlotRule;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Site;
import xtal.stdlib.crystal.Tolerance;

/**
 * Decides whether a checked crystal is accepted by a compiled query: its discrete tokens must be
 * a word of the automaton, and every continuous value must obey the slot annotation of the state
 * it follows, compared by the stdlib's {@link Tolerance} rule (the one the sentence checker and the
 * template matcher use). Used by {@code xtalc match} and by the tests.
 */
public final class CrystalMatcher {
  private CrystalMatcher() {}

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
    for (int i = 0; i < rules.size(); i++) {
      double v = values[i];
      boolean ok = switch (rules.get(i)) {
        case SlotRule.Free f -> true;
        case SlotRule.Fixed f -> same(i, v, f.value().toDouble(), modOne);
        case SlotRule.Tied t -> same(i, v, t.factor().toDouble() * values[t.source()] + t.offset().toDouble(), modOne);
        case SlotRule.Ranged r -> modOne
            ? Tolerance.coordinateInRange(v, r.lo().toDouble(), r.hi().toDouble())
            : Tolerance.latticeInRange(i, v, r.lo().toDouble(), r.hi().toDouble());
      };
      if (!ok) return false;
    }
    return true;
  }

  private static boolean same(int slot, double v, double expected, boolean modOne) {
    return modOne ? Tolerance.sameCoordinate(v, expected) : Tolerance.sameLattice(slot, v, expected);
  }
}
