package xtal.compiler;

import java.util.List;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * What the rest of a crystal can still add once the group is chosen and its sites so far end at
 * some Wyckoff position: any multiset of the positions from index {@code from} on (letters never
 * decrease), those without free coordinates at most once each. For every atom total {@code a}
 * (in the limits' unit) the fewest and the most sites that add exactly {@code a} atoms — a
 * knapsack over the group's multiplicities, exact for the space-group rules and the atom and
 * site limits together.
 *
 * <p>Built per group for every {@code from} at once (suffix tables: adding position {@code from}
 * to the table of {@code from + 1}), O(positions · max atoms).
 */
final class Capacity {
  static final int NONE = Integer.MAX_VALUE;

  final SpaceGroup group;
  final int from;
  /** [a]: fewest sites adding exactly a atoms, {@link #NONE} if no multiset does. */
  final int[] minSites;
  /** [a]: most sites adding exactly a atoms, −1 if no multiset does. */
  final int[] maxSites;

  private Capacity(SpaceGroup group, int from, int[] minSites, int[] maxSites) {
    this.group = group;
    this.from = from;
    this.minSites = minSites;
    this.maxSites = maxSites;
  }

  /** The capacities of {@code group} for every {@code from} (0 .. positions), index = from. */
  static Capacity[] of(SpaceGroup group, Limits limits) {
    int max = limits.maxAtoms();
    List<WyckoffPosition> ps = group.positions();
    Capacity[] out = new Capacity[ps.size() + 1];
    int[] lo = new int[max + 1], hi = new int[max + 1];
    java.util.Arrays.fill(lo, NONE);
    java.util.Arrays.fill(hi, -1);
    lo[0] = hi[0] = 0;
    out[ps.size()] = new Capacity(group, ps.size(), lo.clone(), hi.clone());
    for (int i = ps.size() - 1; i >= 0; i--) {
      WyckoffPosition p = ps.get(i);
      int m = atoms(group, p, limits);
      if (p.isZeroDof()) { // at most once: 0/1 knapsack, descending
        for (int a = max; a >= m; a--) relax(lo, hi, a, m);
      } else { // any number of times: unbounded knapsack, ascending
        for (int a = m; a <= max; a++) relax(lo, hi, a, m);
      }
      out[i] = new Capacity(group, i, lo.clone(), hi.clone());
    }
    return out;
  }

  private static void relax(int[] lo, int[] hi, int a, int m) {
    if (lo[a - m] != NONE) lo[a] = Math.min(lo[a], lo[a - m] + 1);
    if (hi[a - m] >= 0) hi[a] = Math.max(hi[a], hi[a - m] + 1);
  }

  /** Atoms one site on {@code p} adds, in the limits' unit. */
  static int atoms(SpaceGroup group, WyckoffPosition p, Limits limits) {
    return limits.unit() == Limits.Unit.PRIMITIVE ? p.multiplicity() / group.centring().latticePoints() : p.multiplicity();
  }

  /** The positions still open, from index {@link #from} on. */
  List<WyckoffPosition> positions() {
    return group.positions().subList(from, group.positions().size());
  }
}
