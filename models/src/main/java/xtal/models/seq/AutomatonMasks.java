package xtal.models.seq;

import xtal.compiler.QueryCompiler;
import xtal.compiler.Vocabulary;
import xtal.compiler.automaton.CompiledAutomaton;

/**
 * Masks from the compiler's unconstrained automaton ({@link QueryCompiler#unconstrained()}): any
 * group, the group's letters non-decreasing, zero-DOF positions at most once, END after at least
 * one site, ≤ 20 sites and ≤ 20 atoms per primitive cell. The same automaton the sampler uses
 * with no query, so training and sampling normalise over the same sets.
 */
public final class AutomatonMasks implements LetterMasks {
  private final CompiledAutomaton automaton;

  public AutomatonMasks(CompiledAutomaton automaton) {
    this.automaton = automaton;
  }

  private static volatile AutomatonMasks unconstrained;

  /** The shared unconstrained rule set (built once). */
  public static AutomatonMasks unconstrained() {
    if (unconstrained == null) {
      synchronized (AutomatonMasks.class) {
        if (unconstrained == null) unconstrained = new AutomatonMasks(QueryCompiler.unconstrained().automaton());
      }
    }
    return unconstrained;
  }

  @Override
  public int start(int group) {
    return automaton.step(automaton.initialState(), Vocabulary.group(group));
  }

  @Override
  public int step(int state, int token) {
    return automaton.step(state, token);
  }

  @Override
  public boolean allows(int state, int token) {
    return automaton.allows(state, token);
  }
}
