package xtal.csp;

import java.util.OptionalInt;

/**
 * One composition to predict structures for.
 *
 * @param id a name for the row (a material id, or the formula)
 * @param composition the formula as given (only its ratio matters unless {@code atoms} is absent
 *     and {@code formulaUnits} is given)
 * @param atoms atoms per primitive cell the candidates must have; empty: any multiple of the
 *     reduced formula up to the atom limit
 * @param groups the space groups allowed
 */
public record CspTarget(String id, Composition composition, OptionalInt atoms, GroupChoice groups) {

  /** A target with any atom count and any group. */
  public static CspTarget of(String id, Composition composition) {
    return new CspTarget(id, composition, OptionalInt.empty(), GroupChoice.ANY);
  }

  /** Atoms per primitive cell from formula units per primitive cell of the reduced formula. */
  public static OptionalInt atomsForFormulaUnits(Composition composition, int z) {
    if (z < 1) throw new IllegalArgumentException("formula units must be >= 1: " + z);
    return OptionalInt.of(composition.reduced().atoms() * z);
  }
}
