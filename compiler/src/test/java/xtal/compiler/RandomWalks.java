package xtal.compiler;

import java.util.Locale;
import java.util.Random;
import xtal.compiler.automaton.SlotAnnotation;
import xtal.compiler.automaton.SlotRule;
import xtal.compiler.automaton.TokenAutomaton;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;

/**
 * Random walks through a compiled automaton: a uniformly random allowed token at every step, and
 * continuous values drawn according to the state's slot annotation, written out as a full-form
 * sentence for the stdlib's independent checker.
 */
final class RandomWalks {
  private RandomWalks() {}

  /** One walk: the token ids and the sentence text. */
  record Walk(int[] tokens, String sentence) {}

  /**
   * A random accepted walk whose crystal has no two sites on one point: uniform coordinates land
   * within the checker's 1e-4 of another site's atoms now and then, and such a sentence is no
   * crystal (the checker refuses it), so that draw is repeated.
   */
  static Walk walk(TokenAutomaton a, Random rnd) {
    while (true) {
      Walk w = walkOnce(a, rnd);
      CheckResult r = SentenceChecker.check("walk", w.sentence());
      if (r.ok() || !r.errors().stream().allMatch(d -> d.message().contains("cannot share a point"))) return w;
    }
  }

  private static Walk walkOnce(TokenAutomaton a, Random rnd) {
    int s = a.initialState();
    int[] tokens = new int[64];
    int n = 0;
    StringBuilder sb = new StringBuilder();
    while (true) {
      int[] allowed = a.allowedTokens(s);
      if (allowed.length == 0) {
        if (!a.isAccept(s)) throw new AssertionError("dead end at state " + s + " after " + sb);
        break;
      }
      int t = allowed[rnd.nextInt(allowed.length)];
      if (n == tokens.length) tokens = java.util.Arrays.copyOf(tokens, n * 2);
      tokens[n++] = t;
      s = a.step(s, t);
      if (s < 0) throw new AssertionError("allowed token " + t + " has no transition");
      if (!sb.isEmpty()) sb.append('-');
      sb.append(TokenNames.name(t));
      SlotAnnotation ann = a.annotation(s);
      if (ann instanceof SlotAnnotation.Site) for (double v : values(ann, rnd, true)) sb.append('-').append(fmt(v));
      if (ann instanceof SlotAnnotation.Lattice) for (double v : values(ann, rnd, false)) sb.append('-').append(fmt(v));
    }
    return new Walk(java.util.Arrays.copyOf(tokens, n), sb.toString());
  }

  /** Values obeying the annotation: coordinates in [0, 1), lattice lengths 3..12 Å, angles near 90°. */
  static double[] values(SlotAnnotation ann, Random rnd, boolean coordinates) {
    double[] v = new double[ann.rules().size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (ann.rules().get(i)) {
        case SlotRule.Free f -> coordinates ? round(rnd.nextDouble()) : i < 3 ? round(3 + 9 * rnd.nextDouble()) : round(80 + 20 * rnd.nextDouble());
        case SlotRule.Fixed f -> f.value().toDouble();
        case SlotRule.Tied t -> {
          double x = t.factor().toDouble() * v[t.source()] + t.offset().toDouble();
          yield coordinates ? x - Math.floor(x) : x;
        }
        case SlotRule.Ranged r -> round(r.lo().toDouble() + (r.hi().toDouble() - r.lo().toDouble()) * rnd.nextDouble());
      };
      if (coordinates && v[i] >= 1) v[i] -= 1;
    }
    return v;
  }

  private static double round(double x) {
    return Math.round(x * 1e6) / 1e6;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.8f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  /** Checks a walk's sentence with the stdlib; throws with the sentence and errors if invalid. */
  static Crystal check(Walk w) {
    CheckResult r = SentenceChecker.check("walk", w.sentence());
    if (!r.ok()) throw new AssertionError("walk fails the sentence checker: " + w.sentence() + "\n" + r.errors());
    return r.crystal().orElseThrow();
  }
}
