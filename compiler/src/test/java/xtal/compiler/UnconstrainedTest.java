package xtal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xtal.compiler.automaton.Operations;
import xtal.compiler.automaton.OperationsTestAccess;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.Site;

/** The all-groups automaton the trainer masks with: complete on the shared data, sound, no dead ends. */
class UnconstrainedTest {
  static CompiledQuery all;

  @BeforeAll
  static void compile() {
    all = QueryCompiler.unconstrained();
  }

  @Test
  void acceptsEveryReferenceSentenceWithinTheLimits() {
    int accepted = 0;
    List<String> missed = new ArrayList<>();
    for (ReferenceData.Entry e : ReferenceData.all()) {
      boolean within = TemplateQueryTest.withinDefaultLimits(e.crystal());
      boolean ok = all.automaton().accepts(CrystalMatcher.tokens(e.crystal()));
      assertThat(CrystalMatcher.accepts(all, e.crystal())).isEqualTo(ok);
      if (ok) accepted++;
      if (ok != within && missed.size() < 5) missed.add(e.sentence());
    }
    assertThat(missed).isEmpty();
    assertThat(accepted).isGreaterThan(36_000);
  }

  @Test
  void raisedLimitsAcceptExactlyTheSharedSentencesWithinThem() {
    // The shared data also holds larger cells (mp52_extra, up to 52 atoms): the raised automaton
    // must take every crystal within 24 sites and 24 atoms per primitive cell, and nothing beyond.
    CompiledQuery big = QueryCompiler.unconstrained(Limits.DEFAULT.withMaxSites(24).withAtoms(1, 24, Limits.Unit.PRIMITIVE));
    int within = 0;
    int beyond = 0;
    for (ReferenceData.Entry e : ReferenceData.all()) {
      boolean fits = withinLimits(e.crystal(), 24, 24);
      assertThat(big.automaton().accepts(CrystalMatcher.tokens(e.crystal()))).as(e.sentence()).isEqualTo(fits);
      if (fits) within++; else beyond++;
    }
    assertThat(within).isGreaterThan(36_000);
    assertThat(beyond).isPositive();
  }

  private static boolean withinLimits(Crystal c, int maxSites, int maxAtomsPerPrimitive) {
    int atoms = 0;
    for (Site s : c.sites()) atoms += s.position().multiplicity();
    return c.sites().size() <= maxSites && atoms / c.group().centring().latticePoints() <= maxAtomsPerPrimitive;
  }

  @Test
  void randomWalksAreValidCrystalsWithinTheLimits() {
    Random rnd = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      RandomWalks.Walk w = RandomWalks.walk(all.automaton(), rnd);
      Crystal c = RandomWalks.check(w);
      int atoms = 0;
      for (Site s : c.sites()) atoms += s.position().multiplicity();
      assertThat(atoms / c.group().centring().latticePoints()).as(w.sentence()).isBetween(1, 20);
      assertThat(c.sites().size()).isLessThanOrEqualTo(20);
    }
  }

  @Test
  void noDeadEndsAndAFiniteLanguage() {
    assertThat(Operations.isAcyclic(all.automaton().automaton())).isTrue();
    OperationsTestAccess.assertNoDeadEnds(all.automaton().automaton());
    assertThat(all.skeletonCount().signum()).isPositive();
    // minimal: minimizing again changes nothing
    assertThat(Operations.minimize(all.automaton().automaton()).numStates()).isEqualTo(all.numStates());
  }

  @Test
  void stepsAndMasksAgree() {
    var a = all.automaton();
    for (int s = 0; s < a.numStates(); s += 7) {
      for (int t = 0; t < Vocabulary.SIZE; t++) assertThat(a.allows(s, t)).isEqualTo(a.step(s, t) >= 0);
    }
    // a fixed zero-DOF position is used at most once: 225 a a is not allowed
    int s = a.step(a.step(a.step(0, Vocabulary.group(225)), Vocabulary.letter('a')), Vocabulary.element(8));
    assertThat(a.step(s, Vocabulary.letter('a'))).isEqualTo(-1);
    assertThat(a.step(s, Vocabulary.letter('b'))).isNotNegative();
    // letters never decrease: after 225 b, a is not allowed
    int b = a.step(a.step(a.step(0, Vocabulary.group(225)), Vocabulary.letter('b')), Vocabulary.element(8));
    assertThat(a.step(b, Vocabulary.letter('a'))).isEqualTo(-1);
  }
}
