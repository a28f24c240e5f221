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
   * dropped. Expected O(n): atoms are bucketed on a 1/1000 grid (wider than the tolerance), so only
   * the 27 neighbouring buckets (periodically) are compared.
   */
  public static UnitCell merging(Lattice lattice, List<Atom> candidates) {
    List<Atom> kept = new ArrayList<>(candidates.size());
    java.util.Map<Long, List<Atom>> grid = new java.util.HashMap<>();
    for (Atom a : candidates) {
      Atom w = new Atom(a.element(), wrap(a.x()), wrap(a.y()), wrap(a.z()), a.site());
      int[] cell = {bucket(w.x()), bucket(w.y()), bucket(w.z())};
      boolean dup = false;
      search:
      for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++)
          for (int dz = -1; dz <= 1; dz++) {
            List<Atom> near = grid.get(key(cell[0] + dx, cell[1] + dy, cell[2] + dz));
            if (near == null) continue;
            for (Atom k : near)
              if (k.element().equals(w.element()) && samePoint(k.xyz(), w.xyz(), MERGE_TOLERANCE)) {
                dup = true;
                break search;
              }
          }
      if (!dup) {
        kept.add(w);
        grid.computeIfAbsent(key(cell[0], cell[1], cell[2]), x -> new ArrayList<>()).add(w);
      }
    }
    return new UnitCell(lattice, kept);
  }

  /**
   * The first two atoms of different sites that lie on one point (within {@link
   * #MERGE_TOLERANCE}), whatever their elements, as {@code {site, other site}}; null when none do.
   * Such a pair is no crystal: two atoms cannot share a point, and a CIF of it does not read back.
   * Hashed on the same grid as {@link #merging}.
   */
  public static int[] coincidentSites(List<Atom> candidates) {
    java.util.Map<Long, List<Atom>> grid = new java.util.HashMap<>();
    for (Atom a : candidates) {
      Atom w = new Atom(a.element(), wrap(a.x()), wrap(a.y()), wrap(a.z()), a.site());
      int[] cell = {bucket(w.x()), bucket(w.y()), bucket(w.z())};
      for (int dx = -1; dx <= 1; dx++)
        for (int dy = -1; dy <= 1; dy++)
          for (int dz = -1; dz <= 1; dz++) {
            List<Atom> near = grid.get(key(cell[0] + dx, cell[1] + dy, cell[2] + dz));
            if (near == null) continue;
            for (Atom k : near) if (k.site() != w.site() && samePoint(k.xyz(), w.xyz(), MERGE_TOLERANCE)) return new int[] {k.site(), w.site()};
          }
      grid.computeIfAbsent(key(cell[0], cell[1], cell[2]), x -> new ArrayList<>()).add(w);
    }
    return null;
  }

  private static final int GRID = 1000;

  private static int bucket(double v) {
    return Math.min(GRID - 1, (int) (v * GRID));
  }

  private static long key(int i, int j, int k) {
    return ((long) Math.floorMod(i, GRID) * GRID + Math.floorMod(j, GRID)) * GRID + Math.floorMod(k, GRID);
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
   * <p>The cell is first LLL-reduced (a unimodular change of basis, so the lattice is the same),
   * which keeps even very flat or skewed cells cheap. A pass over neighbouring reduced cells gives
   * an upper bound d; a vector no longer than d spans at most ⌈d/h + ½⌉ cells along an axis with
   * face spacing h, so a second pass over that many cells is exact. O(n² · images).
   */
  public double minDistance() {
    if (atoms.isEmpty()) return Double.NaN;
    double[][] m = reduce(lattice.matrix());
    double[][] inv = inverse(m);
    // fractional coordinates of every atom in the reduced basis
    List<double[]> f = new ArrayList<>(atoms.size());
    double[][] orig = lattice.matrix();
    for (Atom a : atoms) {
      double[] r = Lattice.toCartesian(orig, a.xyz());
      f.add(new double[] {
        r[0] * inv[0][0] + r[1] * inv[1][0] + r[2] * inv[2][0],
        r[0] * inv[0][1] + r[1] * inv[1][1] + r[2] * inv[2][1],
        r[0] * inv[0][2] + r[1] * inv[1][2] + r[2] * inv[2][2]});
    }
    double d = Math.sqrt(minSquared(m, f, new int[] {1, 1, 1}));
    double v = Math.abs(det(m));
    double[] h = {v / Lattice.norm(Lattice.cross(m[1], m[2])), v / Lattice.norm(Lattice.cross(m[0], m[2])), v / Lattice.norm(Lattice.cross(m[0], m[1]))};
    int[] range = new int[3];
    boolean wider = false;
    for (int k = 0; k < 3; k++) {
      // a bound on the work even for a degenerate cell: 200 cells along an axis at most
      range[k] = (int) Math.min(200, Math.ceil(d / h[k] + 0.5));
      if (range[k] > 1) wider = true;
    }
    return wider ? Math.sqrt(minSquared(m, f, range)) : d;
  }

  /** LLL reduction (δ = 3/4) of three row vectors; returns a new basis of the same lattice. */
  static double[][] reduce(double[][] basis) {
    double[][] b = {basis[0].clone(), basis[1].clone(), basis[2].clone()};
    int k = 1;
    for (int guard = 0; k < 3 && guard < 10_000; guard++) {
      for (int j = k - 1; j >= 0; j--) {
        double[][] gs = gramSchmidt(b);
        double mu = dot(b[k], gs[j]) / dot(gs[j], gs[j]);
        if (Math.abs(mu) > 0.5) {
          double q = Math.rint(mu);
          for (int i = 0; i < 3; i++) b[k][i] -= q * b[j][i];
        }
      }
      double[][] gs = gramSchmidt(b);
      double mu = dot(b[k], gs[k - 1]) / dot(gs[k - 1], gs[k - 1]);
      if (dot(gs[k], gs[k]) >= (0.75 - mu * mu) * dot(gs[k - 1], gs[k - 1])) k++;
      else {
        double[] t = b[k];
        b[k] = b[k - 1];
        b[k - 1] = t;
        k = Math.max(k - 1, 1);
      }
    }
    return b;
  }

  private static double[][] gramSchmidt(double[][] b) {
    double[][] g = new double[3][];
    for (int i = 0; i < 3; i++) {
      g[i] = b[i].clone();
      for (int j = 0; j < i; j++) {
        double mu = dot(b[i], g[j]) / dot(g[j], g[j]);
        for (int x = 0; x < 3; x++) g[i][x] -= mu * g[j][x];
      }
    }
    return g;
  }

  private static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }

  private static double det(double[][] m) {
    return dot(m[0], Lattice.cross(m[1], m[2]));
  }

  /** The inverse of a 3×3 matrix (rows), so that {@code f = r · inv} when {@code r = f · m}. */
  private static double[][] inverse(double[][] m) {
    double d = det(m);
    double[] c0 = Lattice.cross(m[1], m[2]), c1 = Lattice.cross(m[2], m[0]), c2 = Lattice.cross(m[0], m[1]);
    return new double[][] {{c0[0] / d, c1[0] / d, c2[0] / d}, {c0[1] / d, c1[1] / d, c2[1] / d}, {c0[2] / d, c1[2] / d, c2[2] / d}};
  }

  private static double minSquared(double[][] m, List<double[]> f, int[] range) {
    double best = Double.POSITIVE_INFINITY;
    int n = f.size();
    for (int i = 0; i < n; i++) {
      double[] fi = f.get(i);
      for (int j = i; j < n; j++) {
        double[] fj = f.get(j);
        double[] df = {fj[0] - fi[0], fj[1] - fi[1], fj[2] - fi[2]};
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
