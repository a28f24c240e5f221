package xtal.compiler;

/**
 * Where a partial crystal stands, for a {@link Component}'s completability test: the group's
 * open positions ({@link Capacity}), the atoms so far (limits' unit) and how many more sites the
 * site limit allows.
 *
 * @param capacity what the open positions can still add
 * @param atoms atoms so far, in the limits' unit
 * @param sitesLeft how many more sites the site limit allows
 * @param sitesNeeded the fewest more sites the components need (see {@link Component#sitesNeeded})
 * @param limits the query's limits
 */
record Remaining(Capacity capacity, int atoms, int sitesLeft, int sitesNeeded, Limits limits) {

  /** The most atoms a completion may still add. */
  int maxMore() {
    return limits.maxAtoms() - atoms;
  }

  /** Whether some completion adds exactly {@code a} more atoms within the site limit. */
  boolean canAdd(int a) {
    return a >= 0 && a <= maxMore() && capacity.minSites[a] <= sitesLeft;
  }

  /**
   * Whether some completion adds exactly {@code a} more atoms and may then end: atom range, site
   * limit, and at least {@link #sitesNeeded} sites.
   */
  boolean canEndAfter(int a) {
    return canAdd(a) && atoms + a >= limits.minAtoms() && mostSites(a) >= sitesNeeded;
  }

  /** The most sites a completion adding exactly {@code a} atoms can have (−1: none adds {@code a}). */
  int mostSites(int a) {
    return a < 0 || a > maxMore() ? -1 : Math.min(capacity.maxSites[a], sitesLeft);
  }

  /** Whether the space-group rules and limits alone let the crystal be completed. */
  boolean coreCompletable() {
    for (int a = 0; a <= maxMore(); a++) if (canEndAfter(a)) return true;
    return false;
  }
}
