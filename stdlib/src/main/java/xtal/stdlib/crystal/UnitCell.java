package xtal.stdlib.crystal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xtal.stdlib.element.Element;

/**
 * Every atom of a conventional unit cell, with what is computed from them: count, formula, volume,
 * density and the shortest interatomic distance (periodic images included).
 *
 * <p>Formulas list the elements by increasing Pauling electronegativity (elements without one
 * last), ties by atomic number: the order pymatgen's {@code reduced_formula} uses, so {@code
 * SrTiO3}, {@code LaH10}, {@code NaCl}.
 */
public record UnitCell(Lattice lattice, List<Atom> atoms) {

  /** Coordinates closer than this (fractional, per axis, across the periodic boundary) are one point. */
  public static final double MERGE_TOLERANCE = 1e-4;

  /** g/cm³ per u/Å³. */
  private static final double DENSITY_FACTOR = 1.66053906660;

  public UnitCell {
    atoms = List.copyOf(atoms);
  }

  /**
   * Builds a cell from atoms that may repeat: coordinates are wrapped to [0, 1) and an atom that
   * coincides (within {@link #MERGE_TOLERANCE}) with an earlier atom of the same element is
   * dropped. O(n²).
   */
  public static UnitCell merging(Lattice lattice, List<Atom> candidates) {
    List<Atom> kept = new ArrayList<>(candidates.size());
    for (Atom a : candidates) {
      Atom w = new Atom(a.element(), wrap(a.x()), wrap(a.y()), wrap(a.z()), a.site());
      boolean dup = false;
      for (Atom k : kept)
        if (k.element().equals(w.element()) && samePoint(k.xyz(), w.xyz(), MERGE_TOLERANCE)) {
          dup = true;
          break;
        }
      if (!dup) kept.add(w);
    }
    return new UnitCell(lattice, kept);
  }

  /** {@code v} reduced to [0, 1); values within 1e-12 below 1 become 0. */
  public static double wrap(double v) {
    double w = v - Math.floor(v);
    return w >= 1 - 1e-12 ? 0 : w;
  }

  /** True when two fractional points agree within {@code tol} on every axis, modulo 1. */
  public static boolean samePoint(double[] p, double[] q, double tol) {
    for (int i = 0; i < 3; i++) {
      double d = p[i] - q[i];
      if (Math.abs(d - Math.rint(d)) > tol) return false;
    }
    return true;
  }

  /** The number of atoms. */
  public int count() {
    return atoms.size();
  }

  /** Element → number of atoms, in formula order. */
  public Map<Element, Integer> composition() {
    Map<Element, Integer> counts = new TreeMap<>(FORMULA_ORDER);
    for (Atom a : atoms) counts.merge(a.element(), 1, Integer::sum);
    return new LinkedHashMap<>(counts);
  }

  /** Formula order: increasing electronegativity, unknown last, ties by Z. */
  public static final Comparator<Element> FORMULA_ORDER =
      Comparator.comparingDouble((Element e) -> e.electronegativity().orElse(Double.POSITIVE_INFINITY)).thenComparingInt(Element::z);

  /** The formula of the whole cell, {@code La4H40}. */
  public String formula() {
    return format(composition(), 1);
  }

  /** The reduced formula, {@code LaH10}. */
  public String reducedFormula() {
    Map<Element, Integer> c = composition();
    int g = 0;
    for (int n : c.values()) g = gcd(g, n);
    return format(c, Math.max(g, 1));
  }

  /** Formula units per cell: the gcd of the element counts. */
  public int formulaUnits() {
    int g = 0;
    for (int n : composition().values()) g = gcd(g, n);
    return g;
  }

  private static String format(Map<Element, Integer> c, int divisor) {
    StringBuilder sb = new StringBuilder();
    c.forEach((e, n) -> sb.append(e.symbol()).append(n / divisor == 1 ? "" : Integer.toString(n / divisor)));
    return sb.toString();
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  /** The cell volume in Å³. */
  public double volume() {
    return lattice.volume();
  }

  /** The density in g/cm³. */
  public double density() {
    double mass = 0;
    for (Atom a : atoms) mass += a.element().mass();
    return mass / volume() * DENSITY_FACTOR;
  }

  /**
   * The shortest distance (Å) between two atoms, periodic images included (so an atom and its own
   * image one cell away count). NaN for an empty cell.
   *
   * <p>A first pass over neighbouring cells gives an upper bound d; a vector no longer than d spans
   * at most ⌈d/h + ½⌉ cells along an axis with face spacing h, so a second pass over that many
   * cells is exact for any cell shape. O(n² · images).
   */
  public double minDistance() {
    if (atoms.isEmpty()) return Double.NaN;
    double[][] m = lattice.matrix();
    double d = Math.sqrt(minSquared(m, new int[] {1, 1, 1}));
    double[] h = lattice.planeSpacings();
    int[] range = new int[3];
    boolean wider = false;
    for (int k = 0; k < 3; k++) {
      range[k] = (int) Math.ceil(d / h[k] + 0.5);
      if (range[k] > 1) wider = true;
    }
    return wider ? Math.sqrt(minSquared(m, range)) : d;
  }

  private double minSquared(double[][] m, int[] range) {
    double best = Double.POSITIVE_INFINITY;
    int n = atoms.size();
    for (int i = 0; i < n; i++) {
      Atom ai = atoms.get(i);
      for (int j = i; j < n; j++) {
        Atom aj = atoms.get(j);
        double[] df = {aj.x() - ai.x(), aj.y() - ai.y(), aj.z() - ai.z()};
        for (int k = 0; k < 3; k++) df[k] -= Math.rint(df[k]);
        for (int u = -range[0]; u <= range[0]; u++)
          for (int v = -range[1]; v <= range[1]; v++)
            for (int w = -range[2]; w <= range[2]; w++) {
              if (i == j && u == 0 && v == 0 && w == 0) continue;
              double fx = df[0] + u, fy = df[1] + v, fz = df[2] + w;
              double x = fx * m[0][0] + fy * m[1][0] + fz * m[2][0];
              double y = fx * m[0][1] + fy * m[1][1] + fz * m[2][1];
              double z = fx * m[0][2] + fy * m[1][2] + fz * m[2][2];
              double s = x * x + y * y + z * z;
              if (s < best) best = s;
            }
      }
    }
    return best;
  }
}
