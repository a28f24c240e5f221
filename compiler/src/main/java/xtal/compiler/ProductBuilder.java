package xtal.compiler;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import xtal.compiler.automaton.Automaton;
import xtal.compiler.automaton.TooComplexException;

/**
 * Builds the whole {@link ProductSpace} — the eager automaton — by exploration of reachable state
 * tuples (interned in a hash table), breadth first from the initial tuple. The result is
 * deterministic by construction (every component is), and generally still has dead states; the
 * caller minimizes.
 *
 * <p>Cost: O(states · tokens per state · components); memory O(states · tuple width). Both are
 * bounded by {@link Limits#maxStates()} and {@link Limits#maxTransitions()}: exceeding them throws
 * {@link TooComplexException} instead of running out of memory.
 */
final class ProductBuilder {
  private final Limits limits;
  private final ProductSpace space;
  private final String where;
  private final int width;

  // interned tuples
  private int[] pool = new int[1 << 12];
  private int[] table = new int[1 << 12];
  private int numStates;
  private final Automaton.Builder builder = new Automaton.Builder();
  private int numTransitions;

  /**
   * @param groups allowed space-group numbers (bits 1..230)
   * @param elements allowed atomic numbers (bits 1..118)
   * @param template the template component, or null
   * @param components the other constraints
   * @param where the query's source position, for budget errors
   */
  ProductBuilder(Limits limits, BitSet groups, BitSet elements, TemplateComponent template, List<Component> components, String where) {
    this.limits = limits;
    this.space = new ProductSpace(limits, groups, elements, template, components);
    this.where = where;
    this.width = space.width;
    Arrays.fill(table, -1);
  }

  /** Number of element classes (distinct behaviours of elements). */
  int numElementClasses() {
    return space.classRep.length;
  }

  /** Explores the product and returns it (not yet minimized, may have dead states). */
  Automaton build() {
    intern(space.start());
    int[] cur = new int[width];
    for (int s = 0; s < numStates; s++) {
      System.arraycopy(pool, s * width, cur, 0, width);
      int src = s;
      space.successors(cur, (lo, hi, dest) -> {
        // work budget: component steps, so a query with few states but costly steps cannot hang
        if (space.work > 64L * limits.maxStates()) {
          throw new TooComplexException("the query's automaton needs more work than its budget allows (" + numStates
              + " states so far); narrow the query (fewer groups, elements or atoms) or raise the budget", where);
        }
        addTransition(src, lo, hi, intern(dest));
        return true;
      });
    }
    return builder.finish();
  }

  private void addTransition(int src, int min, int max, int dest) {
    if (++numTransitions > limits.maxTransitions()) {
      throw new TooComplexException(
          "the query's automaton needs more than " + limits.maxTransitions() + " transitions (" + numStates
              + " states so far); narrow the query (fewer groups, elements or atoms) or raise the budget", where);
    }
    builder.addTransition(src, min, max, dest);
  }

  private int intern(int[] t) {
    int h = Arrays.hashCode(t) * 0x9E3779B9;
    int mask = table.length - 1;
    for (int i = (h ^ (h >>> 16)) & mask; ; i = (i + 1) & mask) {
      int id = table[i];
      if (id < 0) {
        if (numStates >= limits.maxStates()) {
          throw new TooComplexException(
              "the query's automaton needs more than " + limits.maxStates() + " states; narrow the query "
                  + "(fewer groups, elements or atoms) or raise the budget" + componentReport(), where);
        }
        id = numStates++;
        if ((long) numStates * width > pool.length) pool = Arrays.copyOf(pool, Math.max(pool.length * 2, numStates * width));
        System.arraycopy(t, 0, pool, id * width, width);
        table[i] = id;
        int created = builder.createState();
        assert created == id;
        if (t[ProductSpace.PHASE] == ProductSpace.PHASE_FINAL) builder.setAccept(id, true);
        if (t[ProductSpace.ANNOTATION] > 0) builder.setAnnotation(id, space.annotation(t, 0));
        if (numStates * 2 > table.length) rehash();
        return id;
      }
      if (Arrays.equals(pool, id * width, id * width + width, t, 0, width)) return id;
    }
  }

  private String componentReport() {
    return space.template == null ? "" : " (the template alone reached " + space.template.numStates() + " configurations)";
  }

  private void rehash() {
    int[] old = table;
    table = new int[old.length * 2];
    Arrays.fill(table, -1);
    int mask = table.length - 1;
    for (int id : old) {
      if (id < 0) continue;
      int h = hash(id) * 0x9E3779B9;
      int i = (h ^ (h >>> 16)) & mask;
      while (table[i] >= 0) i = (i + 1) & mask;
      table[i] = id;
    }
  }

  private int hash(int id) {
    int result = 1;
    for (int k = id * width, e = k + width; k < e; k++) result = 31 * result + pool[k];
    return result;
  }

  int numStates() {
    return numStates;
  }
}
