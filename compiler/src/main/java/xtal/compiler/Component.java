package xtal.compiler;

import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * One constraint of a query as a small deterministic automaton over whole sites, run in lock-step
 * with the others ({@link ProductSpace}: built whole by {@link ProductBuilder}, or on demand by
 * {@link LazyAutomaton}). States are small ints the component interns itself. Implementations
 * must be deterministic and pure in their arguments (the product caches nothing else), and must
 * keep finitely many states (bound counters by the atom limit).
 *
 * <p>A counting constraint (sums, counts, sets of elements) should also implement {@link
 * #mayComplete}: the lazy automaton's completability search prunes with it, and without it that
 * search may have to explore everything a dead state can reach.
 */
interface Component {

  /** The initial state. */
  int start();

  /** After the space group; −1 rejects. */
  default int onGroup(int state, SpaceGroup group) {
    return state;
  }

  /** After a complete site (letter + element); −1 rejects. */
  int onSite(int state, Site site);

  /** Whether the crystal may end in {@code state}. */
  boolean acceptsAtEnd(int state, SpaceGroup group);

  /**
   * Whether the crystal may end in {@code state}, given the elements the template's {@code
   * $}-names are bound to in each way the template accepts (empty without a template). Only
   * components that refer to the names (a formula's placeholders) need more than {@link
   * #acceptsAtEnd(int, SpaceGroup)}.
   */
  default boolean acceptsAtEnd(int state, SpaceGroup group, java.util.List<java.util.Map<String, Integer>> bindings) {
    return acceptsAtEnd(state, group);
  }

  /**
   * What this component sees of element {@code z}: elements whose keys are equal (for every
   * component) are interchangeable and share one transition class. Return {@code z} itself when
   * the component must tell elements apart, a constant when it ignores them.
   */
  Object elementKey(int z);

  /**
   * Completability test: false only if no completion of the crystal from {@code state} — sites
   * added on the open positions within the limits, as {@code remaining} describes — can satisfy
   * this component at the end. It must never be false when such a completion exists (that would
   * forbid crystals the query allows); it may be true when none does (the lazy automaton's search
   * then finds out), but the closer to exact, the less that search explores. The lazy automaton
   * calls it only between sites (never with a site half written). The default knows nothing.
   */
  default boolean mayComplete(int state, Remaining remaining) {
    return true;
  }

  /**
   * The fewest more sites any completion from {@code state} must add for this component (a
   * missing element needs a site of its own). The lazy automaton hands the largest such count
   * over all components to every {@link #mayComplete} test, so that tests also respect the
   * others' needs. Default 0.
   */
  default int sitesNeeded(int state) {
    return 0;
  }

  /**
   * Whether this component's states name elements individually (a set of elements met, a
   * composition): such states can be renamed by {@link #renamed} for the lazy automaton's
   * liveness memo (equivalent states share one search). A component that returns false must tell
   * elements apart only through {@link #elementKey}.
   */
  default boolean namesElements() {
    return false;
  }

  /**
   * For a component that names elements: what it sees of element {@code z} apart from its name,
   * so that only elements with equal keys are renamed into each other (a formula's symbols keep
   * their own names; its placeholders' elements are keyed by which placeholders admit them).
   */
  default Object renamingKey(int z) {
    return elementKey(z);
  }

  /** The elements {@code state} names (only if {@link #namesElements()}). */
  default int[] elementsNamed(int state) {
    return new int[0];
  }

  /**
   * {@code state} with every element z it names replaced by {@code rename[z]} (only if {@link
   * #namesElements()}). The renaming permutes elements that every component not naming elements
   * keys alike, so the renamed state is exactly as completable as the original.
   */
  default int renamed(int state, int[] rename) {
    return state;
  }

  /** The constraint in user terms, for errors: {@code charge balanced}, {@code contains O}. */
  String describe();

  /**
   * One site as the components see it.
   *
   * @param group the space group
   * @param position the Wyckoff position
   * @param z the element's atomic number
   * @param atoms how many atoms the site adds per counting unit (primitive or conventional cell)
   * @param atomsLeft how many more atoms (same unit) the atom limit allows after this site
   */
  record Site(SpaceGroup group, WyckoffPosition position, int z, int atoms, int atomsLeft) {}
}
