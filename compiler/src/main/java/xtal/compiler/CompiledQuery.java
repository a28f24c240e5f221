package xtal.compiler;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import xtal.compiler.automaton.CompiledAutomaton;
import xtal.compiler.automaton.Operations;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;

/**
 * A compiled query: the minimal constraint automaton, the limits it was built under, the query's
 * sampling settings and where it came from. Immutable; walk it with {@link #automaton()}: start
 * at state 0, {@link CompiledAutomaton#mask} gives the allowed tokens, {@link
 * CompiledAutomaton#step} the next state, {@link CompiledAutomaton#annotation} the rules of the
 * continuous slots that follow.
 *
 * @param name the query's name ({@code <template>} for an inline template)
 * @param source the query text it was compiled from (empty for built-in queries)
 * @param automaton the minimal automaton, every state of which can still reach acceptance
 * @param limits sites/atoms limits and budget used
 * @param sampling the query's sample settings as written ({@code n = 100}, {@code temperature =
 *     0.8}); empty if none
 * @param meaning what the query means for a crystal, decided without the automaton (the
 *     structure by the stdlib's TemplateMatcher); null where unknown (the built-in unconstrained
 *     query, a {@code .xtalc} file whose source cannot be compiled on its own)
 */
public record CompiledQuery(
    String name, String source, CompiledAutomaton automaton, Limits limits, Map<String, String> sampling, QueryMeaning meaning) {

  /** A query without an independent meaning. */
  public CompiledQuery(String name, String source, CompiledAutomaton automaton, Limits limits, Map<String, String> sampling) {
    this(name, source, automaton, limits, sampling, null);
  }

  public CompiledQuery {
    Objects.requireNonNull(name);
    Objects.requireNonNull(source);
    Objects.requireNonNull(automaton);
    Objects.requireNonNull(limits);
    sampling = Map.copyOf(sampling);
  }

  /** Number of states of the minimal automaton. */
  public int numStates() {
    return automaton.numStates();
  }

  /**
   * The longest sequence, in model positions, of any crystal the query accepts — counted as the
   * model's encoder counts ({@code xtal.models.seq.Encoder.length}): 2 + the crystal system's free
   * lattice parameters + per site its letter, element and free coordinates. A runtime whose model
   * takes fewer positions refuses the query before sampling. O(groups × states × tokens) at worst.
   */
  public int maxSequenceLength() {
    CompiledAutomaton a = automaton;
    int best = 0;
    int[] memo = new int[a.numStates()];
    for (int token : a.allowedTokens(0)) {
      SpaceGroup g = SpaceGroups.get(Vocabulary.groupNumber(token));
      java.util.Arrays.fill(memo, -1);
      int s = a.step(0, token);
      best = Math.max(best, longest(a, g, s, memo));
    }
    return best;
  }

  /** Longest remaining length from a state that expects a letter or END (iterative: sites can be thousands). */
  private static int longest(CompiledAutomaton a, SpaceGroup g, int start, int[] memo) {
    java.util.ArrayDeque<Integer> stack = new java.util.ArrayDeque<>();
    stack.push(start);
    while (!stack.isEmpty()) {
      int s = stack.peek();
      if (memo[s] >= 0) {
        stack.pop();
        continue;
      }
      int best = Integer.MIN_VALUE;
      boolean pending = false;
      for (int t : a.allowedTokens(s)) {
        if (t == Vocabulary.END) {
          best = Math.max(best, 2 + g.latticeRule().freeCount());
          continue;
        }
        int dof = g.positions().get(t - Vocabulary.FIRST_LETTER).degreesOfFreedom();
        int s1 = a.step(s, t);
        for (int e : a.allowedTokens(s1)) {
          int s2 = a.step(s1, e);
          if (memo[s2] < 0) {
            stack.push(s2);
            pending = true;
          } else if (!pending) {
            best = Math.max(best, 2 + dof + memo[s2]);
          }
        }
      }
      if (!pending) {
        memo[s] = Math.max(best, 0);
        stack.pop();
      }
    }
    return memo[start];
  }

  /**
   * The number of distinct discrete skeletons (group, letters, elements) the query accepts. The
   * language is always finite (the atom limit bounds the sites). O(states + transitions).
   */
  public BigInteger skeletonCount() {
    return Operations.countAccepted(automaton.automaton());
  }
}
