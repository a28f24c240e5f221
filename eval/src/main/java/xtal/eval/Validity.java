package xtal.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Smact;

/**
 * The two validity tests of the generative-crystal literature (CDVAE's {@code structure_validity}
 * and {@code smact_validity}, reused by DiffCSP, CrystalFormer, MatterGen, WyFormer).
 *
 * <p><b>Structural:</b> the cell builds (the caller passes null when it did not), its volume is at
 * least {@value #MIN_VOLUME} Å³ and no two atoms — an atom and its own periodic images included —
 * are closer than {@value #MIN_DISTANCE} Å.
 *
 * <p><b>Compositional</b>, by default exactly SMACT's {@code smact_validity} as CDVAE, DiffCSP and
 * CrystalFormer run it ({@link Smact#smactValid}: SMACT 2.2.1's default oxidation-state list, its
 * metal list, its Pauling electronegativities and test) — the figure the papers report. The
 * older variant of this project ({@link OxidationStates#ICSD_ELSE_COMMON} and the others) runs the
 * same rules on the shared element table instead (pymatgen's ICSD or common states, pymatgen's
 * metals, every cation strictly less electronegative than every anion, an element without
 * electronegativity passing): its figure is lower and not comparable with the papers'.
 */
public final class Validity {
  private Validity() {}

  /** Å³: the smallest cell volume accepted. */
  public static final double MIN_VOLUME = 0.1;

  /** Å: the smallest interatomic distance accepted. */
  public static final double MIN_DISTANCE = 0.5;

  /** Which definition of compositional validity, and which oxidation states it uses. */
  public enum OxidationStates {
    /** SMACT's own test and data ({@link Smact#smactValid}): the default, the papers' figure. */
    SMACT,
    /** The shared table's ICSD states where it lists some, else the common ones. */
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

  /** SMACT's compositional validity ({@link Smact#smactValid}), the papers' definition. */
  public static boolean compositional(Map<Element, Integer> composition) {
    return compositional(composition, OxidationStates.SMACT);
  }

  /**
   * Compositional validity of a composition (element → count; the counts are divided by their
   * gcd) under a definition. O(Π states per element) — a few hundred assignments for MP-20-like
   * formulas.
   */
  public static boolean compositional(Map<Element, Integer> composition, OxidationStates table) {
    if (table == OxidationStates.SMACT) return Smact.smactValid(composition);
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

  /** The oxidation states an element may take under a definition. */
  public static int[] states(Element e, OxidationStates table) {
    if (table == OxidationStates.SMACT) return Smact.oxidationStates(e.z());
    List<Integer> s =
        switch (table) {
          case SMACT -> throw new AssertionError();
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
   * The older variant's Pauling test (SMACT's {@code eneg_states_test} read loosely): for every pair of a cation and an anion, the cation is
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
