package xtal.compiler.automaton;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import xtal.compiler.Vocabulary;
import xtal.stdlib.spacegroup.Rational;

/**
 * Property tests of {@link Operations} against slow, obviously correct references: brute-force
 * enumeration of every string up to a length, and the table-filling (pairwise) minimization.
 */
class OperationsTest {
  private static final int ALPHABET = 4; // tokens 0..3
  private static final SlotAnnotation A1 = new SlotAnnotation.Site(SlotRule.FREE, SlotRule.FREE, SlotRule.FREE);
  private static final SlotAnnotation A2 = new SlotAnnotation.Site(new SlotRule.Fixed(Rational.ZERO), SlotRule.FREE, SlotRule.FREE);

  /** A random deterministic automaton over 4 tokens, cyclic or not, some states annotated. */
  static Automaton random(Random rnd, int n, boolean acyclic) {
    Automaton.Builder b = new Automaton.Builder();
    for (int s = 0; s < n; s++) b.createState();
    for (int s = 0; s < n; s++) {
      b.setAccept(s, rnd.nextInt(3) == 0);
      int a = rnd.nextInt(5);
      b.setAnnotation(s, a == 0 ? A1 : a == 1 ? A2 : null);
      for (int t = 0; t < ALPHABET; t++) {
        if (rnd.nextInt(3) == 0) continue;
        int d = acyclic ? (s + 1 < n ? s + 1 + rnd.nextInt(n - s - 1) : -1) : rnd.nextInt(n);
        if (d >= 0) b.addTransition(s, t, d);
      }
    }
    return b.finish();
  }

  /** Every accepted string up to length {@code max}, each with the annotations along its path. */
  static Set<String> language(Automaton a, int max) {
    Set<String> out = new HashSet<>();
    walk(a, 0, "", max, out);
    return out;
  }

  private static void walk(Automaton a, int s, String prefix, int left, Set<String> out) {
    String here = prefix + "[" + a.annotation(s) + "]";
    if (a.isAccept(s)) out.add(here);
    if (left == 0) return;
    for (int t = 0; t < ALPHABET; t++) {
      int d = a.step(s, t);
      if (d >= 0) walk(a, d, here + t, left - 1, out);
    }
  }

  @RepeatedTest(300)
  void minimizePreservesTheAnnotatedLanguageAndIsMinimal() {
    Random rnd = new Random(seed++);
    boolean acyclic = rnd.nextBoolean();
    Automaton a = random(rnd, 2 + rnd.nextInt(9), acyclic);
    Automaton m = Operations.minimize(a);
    assertThat(language(m, 9)).isEqualTo(language(a, 9));
    Automaton trimmed = Operations.removeDeadStates(a);
    int expected = Operations.isEmpty(trimmed) ? 1 : tableFillingClasses(trimmed);
    assertThat(m.numStates()).isEqualTo(expected);
    if (!Operations.isEmpty(m)) assertNoDeadEnds(m);
  }

  private static long seed = 17;

  @Test
  void countAcceptedEqualsEnumeration() {
    Random rnd = new Random(5);
    for (int i = 0; i < 200; i++) {
      Automaton a = random(rnd, 2 + rnd.nextInt(8), true);
      // acyclic with n states: strings are shorter than n
      assertThat(Operations.countAccepted(a)).isEqualTo(BigInteger.valueOf(language(a, 10).size()));
    }
  }

  @Test
  void removeDeadStatesLeavesNoDeadEnds() {
    Random rnd = new Random(9);
    for (int i = 0; i < 200; i++) {
      Automaton a = random(rnd, 2 + rnd.nextInt(10), rnd.nextBoolean());
      Automaton t = Operations.removeDeadStates(a);
      assertThat(language(t, 8)).isEqualTo(language(a, 8));
      if (!Operations.isEmpty(t)) assertNoDeadEnds(t);
    }
  }

  @Test
  void compiledAutomatonAgreesWithAutomaton() {
    Random rnd = new Random(3);
    for (int i = 0; i < 100; i++) {
      Automaton a = Operations.minimize(random(rnd, 2 + rnd.nextInt(10), false));
      CompiledAutomaton c = new CompiledAutomaton(a);
      for (int s = 0; s < a.numStates(); s++) {
        assertThat(c.isAccept(s)).isEqualTo(a.isAccept(s));
        assertThat(c.annotation(s)).isEqualTo(a.annotation(s));
        for (int t = 0; t < Vocabulary.SIZE; t++) {
          assertThat(c.step(s, t)).isEqualTo(a.step(s, t));
          assertThat(c.allows(s, t)).isEqualTo(a.step(s, t) >= 0);
          assertThat((c.mask(s)[t / 64] >>> t & 1) == 1).isEqualTo(a.step(s, t) >= 0);
        }
      }
    }
  }

  @Test
  void builderMergesRangesAndRejectsNondeterminism() {
    Automaton.Builder b = new Automaton.Builder();
    int s0 = b.createState(), s1 = b.createState();
    b.addTransition(s0, 5, 7, s1);
    b.addTransition(s0, 3, 4, s1);
    b.addTransition(s0, 9, s1);
    Automaton a = b.finish();
    assertThat(a.numTransitions(s0)).isEqualTo(2); // 3..7 and 9
    assertThat(a.step(s0, 4)).isEqualTo(s1);
    assertThat(a.step(s0, 8)).isEqualTo(-1);
    Automaton.Builder bad = new Automaton.Builder();
    int t0 = bad.createState(), t1 = bad.createState();
    bad.addTransition(t0, 1, 3, t1);
    bad.addTransition(t0, 3, 4, t0);
    org.assertj.core.api.Assertions.assertThatThrownBy(bad::finish).isInstanceOf(IllegalStateException.class);
  }

  static void assertNoDeadEnds(Automaton a) {
    // from every state some accepting state is reachable (brute force per state)
    for (int s = 0; s < a.numStates(); s++) {
      boolean[] seen = new boolean[a.numStates()];
      List<Integer> stack = new ArrayList<>(List.of(s));
      boolean found = false;
      while (!stack.isEmpty() && !found) {
        int x = stack.removeLast();
        if (seen[x]) continue;
        seen[x] = true;
        if (a.isAccept(x)) found = true;
        for (int t = a.firstTransition(x), e = t + a.numTransitions(x); t < e; t++) stack.add(a.dest(t));
      }
      assertThat(found).as("state %d reaches acceptance", s).isTrue();
    }
  }

  /** Number of equivalence classes by the textbook table-filling algorithm (complete DFA with a sink). */
  static int tableFillingClasses(Automaton a) {
    int n = a.numStates() + 1, sink = n - 1;
    int[][] next = new int[n][ALPHABET];
    for (int s = 0; s < n; s++) {
      for (int t = 0; t < ALPHABET; t++) {
        int d = s == sink ? -1 : a.step(s, t);
        next[s][t] = d < 0 ? sink : d;
      }
    }
    boolean[][] distinct = new boolean[n][n];
    for (int p = 0; p < n; p++) {
      for (int q = 0; q < n; q++) {
        boolean ap = p != sink && a.isAccept(p), aq = q != sink && a.isAccept(q);
        int xp = p == sink ? -2 : a.annotationIndex(p), xq = q == sink ? -2 : a.annotationIndex(q);
        distinct[p][q] = ap != aq || xp != xq;
      }
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int p = 0; p < n; p++) {
        for (int q = 0; q < n; q++) {
          if (distinct[p][q]) continue;
          for (int t = 0; t < ALPHABET; t++) {
            if (distinct[next[p][t]][next[q][t]]) {
              distinct[p][q] = true;
              changed = true;
              break;
            }
          }
        }
      }
    }
    int[] cls = new int[n];
    Arrays.fill(cls, -1);
    int k = 0;
    for (int p = 0; p < n; p++) {
      if (cls[p] >= 0) continue;
      for (int q = p; q < n; q++) if (!distinct[p][q]) cls[q] = k;
      k++;
    }
    return k - 1; // without the sink's class (trimmed automata have no state equivalent to it)
  }
}
