package xtal.compiler;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import xtal.compiler.automaton.Automaton;
import xtal.compiler.automaton.CompiledAutomaton;
import xtal.compiler.automaton.Operations;

/**
 * Compiles queries — inline templates, {@code .xtal} files, or nothing at all — into {@link
 * CompiledQuery}s. The library entry point of the compiler.
 *
 * <pre>{@code
 * CompiledQuery all = QueryCompiler.unconstrained(Limits.DEFAULT);   // every crystal, for training
 * CompiledAutomaton a = all.automaton();
 * int s = a.step(0, Vocabulary.group(225));                          // -1 if not allowed
 * }</pre>
 */
public final class QueryCompiler {
  private QueryCompiler() {}

  /**
   * Every crystal the space-group rules allow within {@code limits}: any of the 230 groups, any
   * of the 118 elements, letters non-decreasing, zero-DOF positions at most once. The model
   * trainer masks logits with this.
   */
  public static CompiledQuery unconstrained(Limits limits) {
    BitSet groups = new BitSet();
    groups.set(1, 231);
    BitSet elements = new BitSet();
    elements.set(1, 119);
    Automaton raw = new ProductBuilder(limits, groups, elements, null, List.of(), "").build();
    return new CompiledQuery("<all crystals>", "", new CompiledAutomaton(Operations.minimize(raw)), limits, Map.of());
  }

  /** {@link #unconstrained(Limits)} with {@link Limits#DEFAULT}: ≤ 20 sites, ≤ 20 atoms per primitive cell. */
  public static CompiledQuery unconstrained() {
    return unconstrained(Limits.DEFAULT);
  }
}
