package xtal.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.element.Elements;
import xtal.stdlib.crystal.Lattice;
import xtal.stdlib.crystal.UnitCell;

/**
 * Decides whether two periodic structures are the same crystal, after pymatgen's {@code
 * StructureMatcher} with its defaults ({@code ltol 0.2, stol 0.3, angle_tol 5°, primitive_cell,
 * scale}, no supercells), in pure Java:
 *
 * <ol>
 *   <li>the reduced formulas must be equal;
 *   <li>each structure is brought to a primitive cell (pure translations that map the structure
 *       onto itself within {@value #PRIMITIVE_TOLERANCE} Å, as pymatgen's {@code
 *       get_primitive_structure}) and its basis reduced (pairwise Gauss reduction, shortest first);
 *       the primitive cells must hold the same number of atoms;
 *   <li>both lattices are scaled to the same volume (the geometric mean), so a uniform expansion
 *       does not count as a difference;
 *   <li>every basis of the second lattice whose vectors match the first's lengths within a factor
 *       1 + ltol and its angles within angle_tol is tried (lattice points enumerated in a sphere,
 *       unimodular triples kept); mirror-image bases count, as in pymatgen;
 *   <li>for each such basis, each origin shift that puts an atom of the rarest species onto the
 *       first atom of that species, atoms are paired species by species with the least sum of
 *       squared periodic distances (Hungarian algorithm), distances measured in the average of the
 *       two lattices and divided by (V/N)^⅓;
 *   <li>the structures match when the root mean square of those distances is at most stol.
 * </ol>
 *
 * <p>Differences from pymatgen: RMS is the only site criterion (pymatgen also bounds each atom's
 * fractional displacement), and periodic distances take the nearest image of the wrapped
 * fractional difference (exact for reduced, not too oblique cells). Cost per pair: O(B·S·n³) for B
 * candidate bases (tens for most cells), S shifts, n atoms of the primitive cell; structures are
 * prepared once ({@link #prepare}) so comparing one against many only pays for the fit.
 */
public final class StructureMatcher {

  /** Å: tolerance of the translation search that finds the primitive cell. */
  public static final double PRIMITIVE_TOLERANCE = 0.25;

  /**
   * Matching tolerances.
   *
   * @param ltol fractional length tolerance
   * @param stol site tolerance, in units of (V/N)^⅓
   * @param angleTol angle tolerance in degrees
   */
  public record Tolerances(double ltol, double stol, double angleTol) {
    /** pymatgen's defaults, used by CrystalFormer and WyFormer for uniqueness and novelty. */
    public static final Tolerances DEFAULT = new Tolerances(0.2, 0.3, 5);
  }

  /**
   * A structure ready for matching: reduced formula, reduced primitive basis (rows, Å), fractional
   * coordinates in it and atomic numbers; {@code anchor} is the atom pymatgen would pin in {@link
   * #rms} (the first atom of a species with fewest atoms, in pymatgen's site order: by
   * electronegativity as its CIF parser sorts them, or by element symbol when the cell was reduced
   * to a primitive one).
   */
  public record Prepared(String formula, double[][] lattice, double[][] frac, int[] z, int anchor) {
    /** Atoms in the primitive cell. */
    public int size() {
      return z.length;
    }

    /** Cell volume, Å³. */
    public double volume() {
      return Math.abs(det(lattice));
    }
  }

  private final Tolerances tol;

  public StructureMatcher(Tolerances tol) {
    this.tol = tol;
  }

  /** A matcher with pymatgen's default tolerances. */
  public StructureMatcher() {
    this(Tolerances.DEFAULT);
  }

  /** True when the two cells are the same crystal. */
  public boolean fit(UnitCell a, UnitCell b) {
    return fit(prepare(a), prepare(b));
  }

  /** Prepares a cell built by the stdlib. */
  public static Prepared prepare(UnitCell cell) {
    double[][] frac = new double[cell.count()][];
    int[] z = new int[cell.count()];
    for (int i = 0; i < z.length; i++) {
      Atom a = cell.atoms().get(i);
      frac[i] = a.xyz();
      z[i] = a.element().z();
    }
    return prepare(cell.reducedFormula(), cell.lattice().matrix(), frac, z);
  }

  /**
   * Prepares a structure given by its cell vectors (rows, Å, any orientation), fractional
   * coordinates and atomic numbers; {@code formula} is its reduced formula (any consistent
   * spelling: only equality is tested).
   */
  public static Prepared prepare(String formula, double[][] lattice, double[][] frac, int[] z) {
    double[][] f = new double[frac.length][];
    for (int i = 0; i < f.length; i++) f[i] = wrap(frac[i].clone());
    Cell c = primitive(new Cell(copy(lattice), f, z.clone()));
    boolean shrunk = c.z.length < z.length;
    c = reduce(c);
    return new Prepared(formula, c.lattice, c.frac, c.z, pymatgenAnchor(c.z, shrunk));
  }

  /** True when two prepared structures are the same crystal. */
  public boolean fit(Prepared a, Prepared b) {
    int rare = rarest(a.z());
    return searchBases(a, b, (la, nb, fb) -> sitesMatch(la, nb, a.frac(), a.z(), fb, b.z(), rare));
  }

  /**
   * The normalised RMS displacement of the best superposition, as pymatgen's {@code
   * get_rms_dist(b, a)} with this matcher's tolerances (primitive cells, volumes scaled, no
   * supercells; {@code a} keeps its lattice, b's bases are mapped onto it): over every lattice
   * mapping and every translation that puts an atom of b onto the first atom of a's rarest
   * species (ties: first symbol alphabetically), keep the superpositions in
   * which every atom of {@code b} has an atom of {@code a} of its species within pymatgen's
   * fractional tolerance (stol·(V/N)^⅓·2/d per axis, d the interplanar spacing); pair the atoms
   * with least squared distance, remove the mean displacement, and take the RMS divided by
   * (V/N)^⅓ of the average lattice. Empty when no superposition qualifies or the best RMS is not
   * below stol. This is what the DiffCSP CSP benchmark calls a match, and its RMSE.
   */
  public java.util.OptionalDouble rms(Prepared a, Prepared b) {
    double[] best = {Double.POSITIVE_INFINITY};
    searchBases(a, b, (la, nb, fb) -> {
      best[0] = Math.min(best[0], bestRms(la, nb, a.frac(), a.z(), fb, b.z(), a.anchor()));
      return best[0] < 1e-5; // pymatgen stops early on an exact superposition only
    });
    return best[0] < tol.stol() ? java.util.OptionalDouble.of(best[0]) : java.util.OptionalDouble.empty();
  }

  /** One candidate superposition: lattice a, b's basis vectors (rows, Å) and b's atoms in them. */
  private interface BasisVisitor {
    /** @return true to stop the search */
    boolean visit(double[][] la, double[][] nb, double[][] fb);
  }

  /**
   * Visits every basis of b's lattice that matches a's lengths (ltol) and angles (angle_tol),
   * after scaling both to the same volume; true when a visit stopped the search.
   */
  private boolean searchBases(Prepared a, Prepared b, BasisVisitor visitor) {
    if (!a.formula().equals(b.formula()) || a.size() != b.size() || a.size() == 0) return false;
    int[] za = a.z().clone(), zb = b.z().clone();
    Arrays.sort(za);
    Arrays.sort(zb);
    if (!Arrays.equals(za, zb)) return false;
    double va = a.volume(), vb = b.volume();
    double ratio = Math.pow(vb / va, 1.0 / 6);
    double[][] la = scale(a.lattice(), ratio), lb = scale(b.lattice(), 1 / ratio);
    Lattice pa = Lattice.fromVectors(la);
    double[] len = {pa.a(), pa.b(), pa.c()};
    double[] ang = {pa.alpha(), pa.beta(), pa.gamma()};
    double maxLen = Math.max(len[0], Math.max(len[1], len[2])) * (1 + tol.ltol());
    List<int[]> pts = new ArrayList<>();
    List<double[]> cart = new ArrayList<>();
    pointsInSphere(lb, maxLen, pts, cart);
    List<List<Integer>> cand = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      List<Integer> c = new ArrayList<>();
      for (int p = 0; p < pts.size(); p++) {
        double r = norm(cart.get(p)) / len[k];
        if (r < 1 + tol.ltol() && r > 1 / (1 + tol.ltol())) c.add(p);
      }
      if (c.isEmpty()) return false;
      cand.add(c);
    }
    for (int i : cand.get(0))
      for (int j : cand.get(1)) {
        if (Math.abs(angle(cart.get(i), cart.get(j)) - ang[2]) > tol.angleTol()) continue;
        for (int k : cand.get(2)) {
          if (Math.abs(angle(cart.get(i), cart.get(k)) - ang[1]) > tol.angleTol()) continue;
          if (Math.abs(angle(cart.get(j), cart.get(k)) - ang[0]) > tol.angleTol()) continue;
          int[][] m = {pts.get(i), pts.get(j), pts.get(k)};
          long d = detInt(m);
          if (Math.abs(d) != 1) continue;
          double[][] nb = {cart.get(i), cart.get(j), cart.get(k)};
          double[][] inv = inverse(toDouble(m));
          double[][] fb = new double[b.size()][];
          for (int t = 0; t < fb.length; t++) fb[t] = wrap(rowTimes(b.frac()[t], inv));
          if (visitor.visit(la, nb, fb)) return true;
        }
      }
    return false;
  }

  /** Tries the origin shifts; true when some gives RMS ≤ stol. */
  private boolean sitesMatch(double[][] la, double[][] lb, double[][] fa, int[] za, double[][] fb, int[] zb, int rare) {
    Lattice p1 = Lattice.fromVectors(la), p2 = Lattice.fromVectors(lb);
    double[] q1 = p1.parameters(), q2 = p2.parameters(), avg = new double[6];
    for (int i = 0; i < 6; i++) avg[i] = (q1[i] + q2[i]) / 2;
    Lattice al = Lattice.of(avg);
    if (!al.isValid()) return false;
    double[][] m = al.matrix();
    int n = fa.length;
    double norm = Math.cbrt(al.volume() / n);
    int i0 = -1;
    for (int i = 0; i < n; i++) if (za[i] == rare) { i0 = i; break; }
    int[] species = Arrays.stream(za).distinct().toArray();
    for (int j = 0; j < n; j++) {
      if (zb[j] != rare) continue;
      double[] shift = {fa[i0][0] - fb[j][0], fa[i0][1] - fb[j][1], fa[i0][2] - fb[j][2]};
      double sum = 0;
      for (int s : species) {
        int[] ia = indices(za, s), ib = indices(zb, s);
        if (ia.length != ib.length) return false;
        double[][] cost = new double[ia.length][ia.length];
        for (int x = 0; x < ia.length; x++)
          for (int y = 0; y < ib.length; y++) {
            double[] df = new double[3];
            for (int k = 0; k < 3; k++) {
              df[k] = fb[ib[y]][k] + shift[k] - fa[ia[x]][k];
              df[k] -= Math.rint(df[k]);
            }
            double[] c = rowTimes(df, m);
            cost[x][y] = c[0] * c[0] + c[1] * c[1] + c[2] * c[2];
          }
        sum += Hungarian.minCost(cost);
        if (Math.sqrt(sum / n) / norm > tol.stol()) break;
      }
      if (Math.sqrt(sum / n) / norm <= tol.stol()) return true;
    }
    return false;
  }

  /**
   * pymatgen's {@code _strict_match} inner loop for one lattice mapping: the least centred RMS
   * over the translations that pass the fractional-tolerance test; infinity when none does.
   */
  private double bestRms(double[][] la, double[][] lb, double[][] fa, int[] za, double[][] fb, int[] zb, int i0) {
    Lattice p1 = Lattice.fromVectors(la), p2 = Lattice.fromVectors(lb);
    double[] q1 = p1.parameters(), q2 = p2.parameters(), avg = new double[6];
    for (int i = 0; i < 6; i++) avg[i] = (q1[i] + q2[i]) / 2;
    Lattice al = Lattice.of(avg);
    if (!al.isValid()) return Double.POSITIVE_INFINITY;
    double[][] m = al.matrix();
    int n = fa.length;
    double vol = Math.abs(det(m)), norm = Math.cbrt(vol / n);
    double[] fracTol = new double[3];
    for (int k = 0; k < 3; k++) fracTol[k] = 2 * tol.stol() * norm * norm(cross(m[(k + 1) % 3], m[(k + 2) % 3])) / vol;
    // as pymatgen: one atom of the kept structure (a) is the anchor, every atom of its species in b is tried onto it
    int rare = za[i0];
    int[] species = Arrays.stream(za).distinct().toArray();
    double best = Double.POSITIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      if (zb[j] != rare) continue;
      double[] shift = {fa[i0][0] - fb[j][0], fa[i0][1] - fb[j][1], fa[i0][2] - fb[j][2]};
      if (!withinFractionalTolerance(fa, za, fb, zb, shift, fracTol)) continue;
      double[][] disp = new double[n][];
      int at = 0;
      for (int s : species) {
        int[] ia = indices(za, s), ib = indices(zb, s);
        if (ia.length != ib.length) return Double.POSITIVE_INFINITY;
        double[][][] vec = new double[ib.length][ia.length][];
        double[][] cost = new double[ib.length][ia.length];
        for (int y = 0; y < ib.length; y++)
          for (int x = 0; x < ia.length; x++) {
            double[] df = new double[3];
            for (int k = 0; k < 3; k++) df[k] = fa[ia[x]][k] - fb[ib[y]][k] - shift[k];
            vec[y][x] = shortestVector(m, df);
            cost[y][x] = dot(vec[y][x], vec[y][x]);
          }
        int[] col = Hungarian.assignment(cost);
        for (int y = 0; y < ib.length; y++) disp[at++] = vec[y][col[y]];
      }
      double[] mean = new double[3];
      for (double[] d : disp) for (int k = 0; k < 3; k++) mean[k] += d[k] / n;
      double sum = 0;
      for (double[] d : disp) for (int k = 0; k < 3; k++) sum += (d[k] - mean[k]) * (d[k] - mean[k]);
      best = Math.min(best, Math.sqrt(sum / n) / norm);
    }
    return best;
  }

  /** pymatgen's {@code is_coord_subset_pbc}: every atom of b has one of a, same species, within fracTol per axis. */
  private static boolean withinFractionalTolerance(double[][] fa, int[] za, double[][] fb, int[] zb, double[] shift, double[] fracTol) {
    for (int y = 0; y < fb.length; y++) {
      boolean found = false;
      for (int x = 0; x < fa.length && !found; x++) {
        if (za[x] != zb[y]) continue;
        found = true;
        for (int k = 0; k < 3 && found; k++) {
          double d = fb[y][k] + shift[k] - fa[x][k];
          found = Math.abs(d - Math.rint(d)) < fracTol[k];
        }
      }
      if (!found) return false;
    }
    return true;
  }

  /** The shortest cartesian vector among the periodic images of a fractional difference (27 neighbours of the wrapped one). */
  private static double[] shortestVector(double[][] lat, double[] df) {
    double[] d = {df[0] - Math.rint(df[0]), df[1] - Math.rint(df[1]), df[2] - Math.rint(df[2])};
    double[] best = null;
    double bestLen = Double.POSITIVE_INFINITY;
    for (int u = -1; u <= 1; u++)
      for (int v = -1; v <= 1; v++)
        for (int w = -1; w <= 1; w++) {
          double[] c = rowTimes(new double[] {d[0] + u, d[1] + v, d[2] + w}, lat);
          double len = dot(c, c);
          if (len < bestLen) {
            bestLen = len;
            best = c;
          }
        }
    return best;
  }

  // ---- primitive cell and reduction -------------------------------------------------------

  private record Cell(double[][] lattice, double[][] frac, int[] z) {}

  /** The primitive cell: the pure translations found from the rarest species, then a basis of them. */
  static Cell primitive(Cell c) {
    int n = c.z.length;
    if (n <= 1) return c;
    int rare = rarest(c.z);
    int i0 = -1;
    for (int i = 0; i < n; i++) if (c.z[i] == rare) { i0 = i; break; }
    List<double[]> trans = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      if (j == i0 || c.z[j] != rare) continue;
      double[] t = new double[3];
      for (int k = 0; k < 3; k++) {
        t[k] = c.frac[j][k] - c.frac[i0][k];
        t[k] -= Math.rint(t[k]);
      }
      if (mapsOntoItself(c, t)) trans.add(t);
    }
    if (trans.isEmpty()) return c;
    int points = trans.size() + 1;
    if (n % points != 0) return c;
    List<double[]> cand = new ArrayList<>(trans);
    cand.add(new double[] {1, 0, 0});
    cand.add(new double[] {0, 1, 0});
    cand.add(new double[] {0, 0, 1});
    cand.sort(Comparator.comparingDouble(v -> norm(rowTimes(v, c.lattice))));
    double target = 1.0 / points;
    for (int i = 0; i < cand.size(); i++)
      for (int j = i + 1; j < cand.size(); j++)
        for (int k = j + 1; k < cand.size(); k++) {
          double[][] p = {cand.get(i), cand.get(j), cand.get(k)};
          if (Math.abs(Math.abs(det(p)) - target) > 1e-6) continue;
          Cell prim = rebase(c, p);
          if (prim != null && prim.z.length * points == n) return prim;
        }
    return c; // no basis among the candidates: keep the cell (matching then needs equal cells)
  }

  /** Atoms in the basis whose rows (in the old fractional basis) are {@code p}, duplicates merged. */
  private static Cell rebase(Cell c, double[][] p) {
    double[][] inv = inverse(p);
    double[][] lat = mul(p, c.lattice);
    List<double[]> f = new ArrayList<>();
    List<Integer> z = new ArrayList<>();
    outer:
    for (int i = 0; i < c.z.length; i++) {
      double[] x = wrap(rowTimes(c.frac[i], inv));
      for (int k = 0; k < f.size(); k++)
        if (z.get(k) == c.z[i] && distance(lat, x, f.get(k)) < PRIMITIVE_TOLERANCE) continue outer;
      f.add(x);
      z.add(c.z[i]);
    }
    return new Cell(lat, f.toArray(double[][]::new), z.stream().mapToInt(Integer::intValue).toArray());
  }

  private static boolean mapsOntoItself(Cell c, double[] t) {
    for (int i = 0; i < c.z.length; i++) {
      double[] x = {c.frac[i][0] + t[0], c.frac[i][1] + t[1], c.frac[i][2] + t[2]};
      boolean found = false;
      for (int k = 0; k < c.z.length && !found; k++)
        found = c.z[k] == c.z[i] && distance(c.lattice, x, c.frac[k]) < PRIMITIVE_TOLERANCE;
      if (!found) return false;
    }
    return true;
  }

  /**
   * Pairwise Gauss reduction of the basis (subtract the nearest integer multiple of one vector
   * from another while that shortens it), then shortest vector first. Terminates: every step
   * strictly shortens a vector of a discrete lattice.
   */
  static Cell reduce(Cell c) {
    double[][] b = copy(c.lattice);
    int[][] m = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    boolean changed = true;
    for (int guard = 0; changed && guard < 1000; guard++) {
      changed = false;
      for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
          if (i == j) continue;
          double mu = Math.rint(dot(b[i], b[j]) / dot(b[j], b[j]));
          if (mu == 0) continue;
          double[] nb = new double[3];
          for (int k = 0; k < 3; k++) nb[k] = b[i][k] - mu * b[j][k];
          if (dot(nb, nb) < dot(b[i], b[i]) - 1e-9) {
            b[i] = nb;
            for (int k = 0; k < 3; k++) m[i][k] -= (int) mu * m[j][k];
            changed = true;
          }
        }
    }
    Integer[] order = {0, 1, 2};
    double[][] bb = b;
    Arrays.sort(order, Comparator.comparingDouble(i -> dot(bb[i], bb[i])));
    double[][] lat = new double[3][];
    int[][] mm = new int[3][];
    for (int i = 0; i < 3; i++) {
      lat[i] = b[order[i]];
      mm[i] = m[order[i]];
    }
    double[][] inv = inverse(toDouble(mm));
    double[][] f = new double[c.frac.length][];
    for (int i = 0; i < f.length; i++) f[i] = wrap(rowTimes(c.frac[i], inv));
    return new Cell(lat, f, c.z);
  }

  // ---- small geometry helpers ------------------------------------------------------------

  /** The same atoms in a pairwise-reduced basis (shortest vector first): distances are unchanged. */
  static UnitCell reduced(UnitCell cell) {
    double[][] f = new double[cell.count()][];
    int[] z = new int[cell.count()];
    for (int i = 0; i < z.length; i++) f[i] = cell.atoms().get(i).xyz();
    Cell r = reduce(new Cell(cell.lattice().matrix(), f, z));
    List<Atom> atoms = new ArrayList<>();
    for (int i = 0; i < z.length; i++) {
      Atom a = cell.atoms().get(i);
      atoms.add(new Atom(a.element(), r.frac[i][0], r.frac[i][1], r.frac[i][2], a.site()));
    }
    return new UnitCell(Lattice.fromVectors(r.lattice), atoms);
  }

  /** Range of lattice indices searched per axis; beyond it a cell is too degenerate to match. */
  private static final int MAX_RANGE = 40;

  /**
   * The integer combinations of {@code lat}'s rows no longer than r (the origin excluded); none
   * when the cell is so flat that more than {@link #MAX_RANGE} cells per axis would be needed.
   */
  private static void pointsInSphere(double[][] lat, double r, List<int[]> pts, List<double[]> cart) {
    double v = Math.abs(det(lat));
    int[] range = new int[3];
    for (int k = 0; k < 3; k++) {
      double h = v / norm(cross(lat[(k + 1) % 3], lat[(k + 2) % 3]));
      if (!(r / h <= MAX_RANGE)) return;
      range[k] = (int) Math.ceil(r / h);
    }
    for (int i = -range[0]; i <= range[0]; i++)
      for (int j = -range[1]; j <= range[1]; j++)
        for (int k = -range[2]; k <= range[2]; k++) {
          if (i == 0 && j == 0 && k == 0) continue;
          double[] x = rowTimes(new double[] {i, j, k}, lat);
          if (norm(x) <= r) {
            pts.add(new int[] {i, j, k});
            cart.add(x);
          }
        }
  }

  /** Periodic distance (Å) between two fractional points: the nearest of the 27 neighbouring images. */
  static double distance(double[][] lat, double[] p, double[] q) {
    double[] d = new double[3];
    for (int k = 0; k < 3; k++) {
      d[k] = p[k] - q[k];
      d[k] -= Math.rint(d[k]);
    }
    double best = Double.POSITIVE_INFINITY;
    for (int u = -1; u <= 1; u++)
      for (int v = -1; v <= 1; v++)
        for (int w = -1; w <= 1; w++) {
          double[] c = rowTimes(new double[] {d[0] + u, d[1] + v, d[2] + w}, lat);
          best = Math.min(best, dot(c, c));
        }
    return Math.sqrt(best);
  }

  private static int rarest(int[] z) {
    int best = -1, count = Integer.MAX_VALUE;
    for (int s : Arrays.stream(z).distinct().sorted().toArray()) {
      int c = indices(z, s).length;
      if (c < count) {
        count = c;
        best = s;
      }
    }
    return best;
  }

  /**
   * pymatgen's anchor: the first site with fewest same-species partners, in its site order. Its
   * CIF parser sorts sites by electronegativity (so do we, ties by Z), and when the cell is not
   * primitive {@code get_primitive_structure} regroups them by element symbol.
   */
  private static int pymatgenAnchor(int[] z, boolean regrouped) {
    Comparator<Integer> order = regrouped
        ? Comparator.comparing((Integer i) -> Elements.byZ(z[i]).symbol())
        : Comparator.comparing((Integer i) -> Elements.byZ(z[i]), UnitCell.FORMULA_ORDER);
    int best = -1, count = Integer.MAX_VALUE;
    for (int i = 0; i < z.length; i++) {
      int c = indices(z, z[i]).length;
      if (c < count || (c == count && order.compare(i, best) < 0)) {
        count = c;
        best = i;
      }
    }
    return best;
  }

  private static int[] indices(int[] z, int s) {
    return java.util.stream.IntStream.range(0, z.length).filter(i -> z[i] == s).toArray();
  }

  private static double[] wrap(double[] x) {
    for (int k = 0; k < 3; k++) x[k] = UnitCell.wrap(x[k]);
    return x;
  }

  private static double[][] scale(double[][] m, double f) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = m[i][j] * f;
    return r;
  }

  static double[] rowTimes(double[] v, double[][] m) {
    double[] r = new double[3];
    for (int j = 0; j < 3; j++) r[j] = v[0] * m[0][j] + v[1] * m[1][j] + v[2] * m[2][j];
    return r;
  }

  private static double[][] mul(double[][] a, double[][] b) {
    double[][] r = new double[3][];
    for (int i = 0; i < 3; i++) r[i] = rowTimes(a[i], b);
    return r;
  }

  private static double[][] copy(double[][] m) {
    double[][] r = new double[m.length][];
    for (int i = 0; i < m.length; i++) r[i] = m[i].clone();
    return r;
  }

  private static double[][] toDouble(int[][] m) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = m[i][j];
    return r;
  }

  private static long detInt(int[][] m) {
    return (long) m[0][0] * ((long) m[1][1] * m[2][2] - (long) m[1][2] * m[2][1])
        - (long) m[0][1] * ((long) m[1][0] * m[2][2] - (long) m[1][2] * m[2][0])
        + (long) m[0][2] * ((long) m[1][0] * m[2][1] - (long) m[1][1] * m[2][0]);
  }

  static double det(double[][] m) {
    return m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  }

  private static double[][] inverse(double[][] m) {
    double d = det(m);
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
        r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / d;
      }
    return r;
  }

  private static double dot(double[] u, double[] v) {
    return u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  }

  private static double norm(double[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double[] cross(double[] u, double[] v) {
    return new double[] {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]};
  }

  private static double angle(double[] u, double[] v) {
    double c = dot(u, v) / (norm(u) * norm(v));
    return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, c))));
  }
}
