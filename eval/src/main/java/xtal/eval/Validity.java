package xtal.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.element.Element;

/**
 * The two validity tests of the generative-crystal literature (CDVAE's {@code structure_validity}
 * and {@code smact_validity}, reused by DiffCSP, CrystalFormer, MatterGen, WyFormer).
 *
 * <p><b>Structural:</b> the cell builds (the caller passes null when it did not), its volume is at
 * least {@value #MIN_VOLUME} Å³ and no two atoms — an atom and its own periodic images included —
 * are closer than {@value #MIN_DISTANCE} Å.
 *
 * <p><b>Compositional</b> (SMACT's test with its defaults, Pauling test on, alloys allowed): a
 * single element is valid; a composition of metals only is valid (an alloy); otherwise some
 * assignment of one oxidation state per element makes the gcd-reduced formula charge-neutral and
 * passes the Pauling test — every cation (positive state) strictly less electronegative than every
 * anion (negative state); an element without a Pauling electronegativity passes that test, as in
 * SMACT. The oxidation states are the ICSD ones of the shared element table where the table has
 * any, otherwise its common states ({@link OxidationStates#ICSD_ELSE_COMMON}). SMACT itself uses
 * its own, longer list of every known state, so its figure can be a little higher: a choice of
 * table can be made with {@link #compositional(Map, OxidationStates)}. "Metal" is the table's
 * {@code is_metal} flag (pymatgen's), where SMACT uses its own metal list.
 */
public final class Validity {
  private Validity() {}

  /** Å³: the smallest cell volume accepted. */
  public static final double MIN_VOLUME = 0.1;

  /** Å: the smallest interatomic distance accepted. */
  public static final double MIN_DISTANCE = 0.5;

  /** Which oxidation states an element may take in the compositional test. */
  public enum OxidationStates {
    /** The ICSD states where the table lists some, else the common ones (the default). */
    ICSD_ELSE_COMMON,
    /** Only the common states. */
    COMMON,
    /** Every state either list has. */
    UNION
  }

  /** True when the cell exists, has volume ≥ 0.1 Å³ and all distances are ≥ 0.5 Å. */
  public static boolean structural(UnitCell cell) {
    if (cell == null || cell.count() == 0) return false;
    double v = cell.volume();
    if (!(v >= MIN_VOLUME)) return false;
    if (!cell.lattice().isValid()) return false;
    // measured in a reduced basis: the exact search's cost grows with the cell's obliqueness, and
    // a generated cell can be very oblique; an atom's own images count (a lone atom included)
    double d = StructureMatcher.reduced(cell).minDistance();
    return d >= MIN_DISTANCE;
  }

  /** {@link #compositional(Map, OxidationStates)} with ICSD states where there are some. */
  public static boolean compositional(Map<Element, Integer> composition) {
    return compositional(composition, OxidationStates.ICSD_ELSE_COMMON);
  }

  /**
   * SMACT's compositional validity of a composition (element → count; the counts are divided by
   * their gcd). O(Π states per element) — a few hundred assignments for MP-20-like formulas.
   */
  public static boolean compositional(Map<Element, Integer> composition, OxidationStates table) {
    List<Element> els = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    int g = 0;
    for (Map.Entry<Element, Integer> e : composition.entrySet()) {
      if (e.getValue() <= 0) continue;
      els.add(e.getKey());
      counts.add(e.getValue());
      g = gcd(g, e.getValue());
    }
    if (els.isEmpty()) return false;
    if (els.size() == 1) return true;
    if (els.stream().allMatch(Element::isMetal)) return true;
    int n = els.size();
    int[][] states = new int[n][];
    int[] reduced = new int[n];
    for (int i = 0; i < n; i++) {
      states[i] = states(els.get(i), table);
      if (states[i].length == 0) return false; // e.g. a noble gas in a compound
      reduced[i] = counts.get(i) / g;
    }
    return search(els, reduced, states, new int[n], 0);
  }

  /** The oxidation states an element may take under a table choice. */
  public static int[] states(Element e, OxidationStates table) {
    List<Integer> s =
        switch (table) {
          case ICSD_ELSE_COMMON -> e.icsdOxidationStates().isEmpty() ? e.commonOxidationStates() : e.icsdOxidationStates();
          case COMMON -> e.commonOxidationStates();
          case UNION -> {
            List<Integer> u = new ArrayList<>(e.icsdOxidationStates());
            for (int x : e.commonOxidationStates()) if (!u.contains(x)) u.add(x);
            yield u;
          }
        };
    return s.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean search(List<Element> els, int[] counts, int[][] states, int[] chosen, int i) {
    if (i == els.size()) {
      long charge = 0;
      for (int k = 0; k < chosen.length; k++) charge += (long) chosen[k] * counts[k];
      return charge == 0 && pauling(els, chosen);
    }
    for (int s : states[i]) {
      chosen[i] = s;
      if (search(els, counts, states, chosen, i + 1)) return true;
    }
    return false;
  }

  /**
   * SMACT's {@code eneg_states_test}: for every pair of a cation and an anion, the cation is
   * strictly less electronegative. Elements without an electronegativity pass (SMACT's
   * {@code TypeError} branch treats the whole test as passed in that case).
   */
  static boolean pauling(List<Element> els, int[] ox) {
    for (Element e : els) if (e.electronegativity().isEmpty()) return true;
    for (int i = 0; i < els.size(); i++)
      for (int j = 0; j < els.size(); j++) {
        if (ox[i] > 0 && ox[j] < 0
            && els.get(i).electronegativity().getAsDouble() >= els.get(j).electronegativity().getAsDouble()) return false;
      }
    return true;
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
