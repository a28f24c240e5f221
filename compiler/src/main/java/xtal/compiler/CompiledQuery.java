package xtal.compiler;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import xtal.compiler.automaton.CompiledAutomaton;
import xtal.compiler.automaton.Operations;
import xtal.compiler.automaton.TokenAutomaton;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;

/**
 * A compiled query: its constraint automaton, the limits it was built under, the query's sampling
 * settings and where it came from. Walk it with {@link #tokenAutomaton()}: start at its initial
 * state, {@link TokenAutomaton#mask} gives the allowed tokens, {@link TokenAutomaton#step} the
 * next state, {@link TokenAutomaton#annotation} the rules of the continuous slots that follow.
 *
 * <p>The automaton is either the eager minimal DFA ({@link CompiledAutomaton}, {@link
 * #automaton()}) or, for queries too large to build whole, one built lazily while it is walked
 * ({@link #isLazy()}); both allow exactly the tokens after which some crystal satisfies the query.
 *
 * @param name the query's name ({@code <template>} for an inline template)
 * @param source the query text it was compiled from (empty for built-in queries)
 * @param tokenAutomaton the automaton, every state of which can still reach acceptance
 * @param limits sites/atoms limits and budget used
 * @param sampling the query's sample settings as written ({@code n = 100}, {@code temperature =
 *     0.8}); empty if none
 * @param meaning what the query means for a crystal, decided without the automaton (the
 *     structure by the stdlib's TemplateMatcher); null where unknown (the built-in unconstrained
 *     query, a {@code .xtalc} file whose source cannot be compiled on its own)
 */
public record CompiledQuery(
    String name, String source, TokenAutomaton tokenAutomaton, Limits limits, Map<String, String> sampling, QueryMeaning meaning) {

  /** A query without an independent meaning. */
  public CompiledQuery(String name, String source, TokenAutomaton tokenAutomaton, Limits limits, Map<String, String> sampling) {
    this(name, source, tokenAutomaton, limits, sampling, null);
  }

  public CompiledQuery {
    Objects.requireNonNull(name);
    Objects.requireNonNull(source);
    Objects.requireNonNull(tokenAutomaton);
    Objects.requireNonNull(limits);
    sampling = Map.copyOf(sampling);
  }

  /** Whether the automaton is built lazily (the query is too large for the eager one). */
  public boolean isLazy() {
    return tokenAutomaton instanceof LazyAutomaton;
  }

  /**
   * The eager minimal automaton.
   *
   * @throws IllegalStateException if the query is built lazily (see {@link #isLazy()})
   */
  public CompiledAutomaton automaton() {
    if (tokenAutomaton instanceof CompiledAutomaton a) return a;
    throw new IllegalStateException("query '" + name + "' is built lazily while sampling; it has no eager automaton");
  }

  /** Number of states: of the minimal automaton, or entered so far when built lazily. */
  public int numStates() {
    return tokenAutomaton instanceof LazyAutomaton l ? l.numStates() : automaton().numStates();
  }

  /**
   * What a lazily built automaton guarantees and what it costs, in a few lines for {@code
   * explain} (the same as README's compiler section says).
   */
  public static final String LAZY_GUARANTEE = String.join("\n",
      "exact: a token is allowed only if some completion satisfies every statement together, and every such token is allowed;",
      "  an exhaustive search for a witness completion decides it (memoised per state, shared by every walk of this query);",
      "  per-statement tests prune it and never change its answer: space-group rules with the atom and site limits (exact),",
      "  charge sums, distinct elements, sites >= n and count (exact each with the rules and limits), formula (exact with",
      "  the rules and atom limit; a binding site limit and which elements a placeholder may still take are left to the search);",
      "  where statements compete for the same sites (formula placeholders with charge balance) the search backtracks,",
      "  which costs time on the first walks, not correctness; rows and memo are a cache, cleared when past their bound.");

  /**
   * For a lazily built query, how it is built and what its cache holds (one line); empty for the
   * eager automaton.
   */
  public String lazyReport() {
    return tokenAutomaton instanceof LazyAutomaton l ? l.report() : "";
  }

  /**
   * The longest sequence, in model positions, of any crystal the query accepts — counted as the
   * model's encoder counts ({@code xtal.models.seq.Encoder.length}): 2 + the crystal system's free
   * lattice parameters + per site its letter, element and free coordinates; for a lazily built
   * query, the bound its site limit sets. A runtime whose model takes fewer positions refuses the
   * query before sampling. O(groups × states × tokens) at worst.
   */
  public int maxSequenceLength() {
    if (!(tokenAutomaton instanceof CompiledAutomaton a)) {
      // built lazily: bounded by the limits (per site a letter, an element and at most three coordinates)
      return 2 + 6 + 5 * limits.maxSites();
    }
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
   *
   * @throws IllegalStateException if the query is built lazily (counting needs the whole automaton)
   */
  public BigInteger skeletonCount() {
    return Operations.countAccepted(automaton().automaton());
  }
}
