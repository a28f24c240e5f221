package xtal.compiler;

import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * One constraint of a query as a small deterministic automaton over whole sites, run in lock-step
 * with the others by {@link ProductBuilder}. States are small ints the component interns itself.
 * Implementations must be deterministic and pure in their arguments (the product caches nothing
 * else), and must keep finitely many states (bound counters by the atom limit).
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
