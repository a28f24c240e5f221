package xtal.compiler;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import xtal.compiler.automaton.CompiledAutomaton;
import xtal.compiler.automaton.Operations;

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
 */
public record CompiledQuery(
    String name, String source, CompiledAutomaton automaton, Limits limits, Map<String, String> sampling) {

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
   * The number of distinct discrete skeletons (group, letters, elements) the query accepts. The
   * language is always finite (the atom limit bounds the sites). O(states + transitions).
   */
  public BigInteger skeletonCount() {
    return Operations.countAccepted(automaton.automaton());
  }
}
