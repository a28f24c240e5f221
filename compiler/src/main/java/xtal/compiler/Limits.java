package xtal.compiler;

/**
 * The bounds every compiled query obeys, and the budget of the compiler itself.
 *
 * @param maxSites the most symmetry-distinct sites (default 20)
 * @param minAtoms the fewest atoms per {@code unit} (default 1)
 * @param maxAtoms the most atoms per {@code unit} (default 20, like MP-20)
 * @param unit whether atoms are counted per primitive cell (conventional multiplicity divided by
 *     the centring's lattice points: P 1, A/B/C/I 2, R 3, F 4) or per conventional cell
 * @param maxStates budget: the most product states explored before {@link
 *     xtal.compiler.automaton.TooComplexException} (default 1,000,000 ≈ 150 MB at worst)
 * @param maxTransitions budget: the most transitions built (default 8,000,000)
 */
public record Limits(int maxSites, int minAtoms, int maxAtoms, Unit unit, int maxStates, int maxTransitions) {

  /** Per which cell atoms are counted. */
  public enum Unit {
    PRIMITIVE,
    CONVENTIONAL;

    /** {@code primitive cell} / {@code conventional cell}, for messages. */
    public String displayName() {
      return this == PRIMITIVE ? "primitive cell" : "conventional cell";
    }
  }

  /** MP-20's bounds: ≤ 20 sites, 1..20 atoms per primitive cell. */
  public static final Limits DEFAULT = new Limits(20, 1, 20, Unit.PRIMITIVE, 1_000_000, 8_000_000);

  public Limits {
    if (maxSites < 0) throw new IllegalArgumentException("maxSites must be >= 0, got " + maxSites);
    if (minAtoms < 0 || maxAtoms < minAtoms) throw new IllegalArgumentException("bad atom range " + minAtoms + ".." + maxAtoms);
    if (maxAtoms > 10_000) throw new IllegalArgumentException("maxAtoms must be <= 10000, got " + maxAtoms);
    if (maxStates < 1 || maxTransitions < 1) throw new IllegalArgumentException("budgets must be positive");
  }

  /**
   * Bytes of heap the compiler may use per state of {@code maxStates} at worst: the product's
   * tuples and transitions (up to {@code maxTransitions} = 8 per state), the template's sets of
   * positions (up to 16 per state) and minimization. A budget is only allowed where this much fits.
   */
  public static final long BYTES_PER_STATE = 2048;

  /** The largest {@code maxStates} this JVM's heap can hold ({@link #BYTES_PER_STATE} each). */
  public static int maxStatesForHeap() {
    return (int) Math.min(Integer.MAX_VALUE / 8, Runtime.getRuntime().maxMemory() / BYTES_PER_STATE);
  }

  public Limits withMaxSites(int n) {
    return new Limits(n, minAtoms, maxAtoms, unit, maxStates, maxTransitions);
  }

  public Limits withAtoms(int min, int max, Unit u) {
    return new Limits(maxSites, min, max, u, maxStates, maxTransitions);
  }

  public Limits withBudget(int states, int transitions) {
    return new Limits(maxSites, minAtoms, maxAtoms, unit, states, transitions);
  }

  /** {@code atoms 1..20 per primitive cell, sites <= 20}. */
  @Override
  public String toString() {
    return "atoms " + minAtoms + ".." + maxAtoms + " per " + unit.displayName() + ", sites <= " + maxSites;
  }
}
