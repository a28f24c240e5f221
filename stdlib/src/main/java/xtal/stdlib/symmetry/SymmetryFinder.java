package xtal.stdlib.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import xtal.stdlib.element.Elements;

/**
 * Finds the space group of a structure, brings it to the standard setting of the Wyckoff table and
 * assigns Wyckoff positions — spglib's pipeline, in Java:
 *
 * <ol>
 *   <li>Delaunay-reduce the input cell;
 *   <li>find the pure translations and the primitive cell (Hermite normal form of the translation
 *       lattice), Delaunay-reduce it;
 *   <li>the lattice's point group: integer matrices with entries in {-1,0,1} that keep the metric
 *       (within the tolerance);
 *   <li>the space-group operations: for each lattice rotation, the translation that maps the
 *       structure onto itself;
 *   <li>the point group from counts of rotation types; the conventional basis from the rotation
 *       axes (cubic: the 4- or 2-fold axes; tetragonal/hexagonal: the main axis and the shortest
 *       perpendicular lattice vector; orthorhombic: the three 2-fold axes in all orders; monoclinic:
 *       the 2-fold axis and the cell choices of the perpendicular net; triclinic: Niggli cell);
 *   <li>the space-group type: the table group whose rotations equal the transformed ones and whose
 *       translations agree after an origin shift, solved exactly from the congruences (W−I)p ≡ Δt
 *       (mod 1) with a diagonal (Smith) form and fitted to all operations (when none matches
 *       within the tolerance, spglib's retries with operations dropped); every basis image and
 *       discrete shift that matches is an equally standard description, and {@link Choice} says
 *       which one is written;
 *   <li>the standard cell, the metric averaged over the point group, each orbit's first atom
 *       projected onto its site symmetry and the others its images (spglib's symmetrization), each
 *       orbit given the Wyckoff letter whose representative one of its members satisfies, that
 *       member written.
 * </ol>
 *
 * <p>Cost: O(R·n²) for the operations (R ≤ 48 lattice rotations, n primitive atoms), and a few
 * hundred candidate settings at most for the group type. Thread-safe: no state.
 */
public final class SymmetryFinder {

  /** The default tolerance on atom positions, in Å (spglib's usual {@code symprec}). */
  public static final double DEFAULT_SYMPREC = 0.01;

  /** Atoms closer than this (Å) are refused as overlapping: no ordered crystal has them. */
  public static final double OVERLAP = 0.1;

  /**
   * An input whose operations map every atom within this (Å) is exactly symmetric up to the
   * rounding of its file (8-decimal CIFs: ~1e-7 Å); measured best of 1e-6, 1e-4 and 1e-3.
   */
  static final double EXACT = 1e-4;

  private SymmetryFinder() {}

  private static final java.util.Map<WyckoffTable.Position, Prepared> PREPARED =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  /** A space-group operation in the primitive (reduced) basis. */
  private record SymOp(int[][] rot, double[] trans) {}

  /** A standard setting found: basis change P (columns = conventional vectors), origin shift q. */
  private record Setting(WyckoffTable.Group group, int[][] p, double[] q) {}

  /** Failure to find or standardize the symmetry, with a reason a user can read. */
  public static final class SymmetryException extends Exception {
    public SymmetryException(String message) {
      super(message);
    }
  }

  /**
   * Which of the equally standard descriptions of a structure to write (origin and axis choices
   * among the normalizer's alternatives).
   */
  public enum Choice {
    /**
     * The least description under {@link #CANONICAL_ORDER}: the same sentence whatever the input's
     * origin, axes, cell or orientation (along a polar axis, where any origin is standard, one
     * site's free coordinates are put at 0).
     */
    CANONICAL,
    /**
     * The description nearest the input cell and origin, like spglib's standardization of a cell
     * that is already (close to) standard; reproduces the shared reference sentences more often.
     */
    NEAREST_INPUT,
    /**
     * spglib's own choice (see {@link SpglibSetting}): spglib's basis (its own steps on
     * primitive monoclinic and orthorhombic lattices, elsewhere the first of its trial axis
     * changes of the frame it derives from the input's basis), then spglib's origin arithmetic or
     * the origin nearest the input's; reproduces the shared reference sentences most often.
     * Depends on the input's origin and axes, as spglib does.
     */
    SPGLIB
  }

  /** {@link #standardize(Structure, double, Choice)} with the canonical choice. */
  public static StandardStructure standardize(Structure s, double symprec) throws SymmetryException {
    return standardize(s, symprec, Choice.CANONICAL);
  }

  /**
   * Standardizes {@code s}: its space group in the table's setting and its Wyckoff sites.
   *
   * @param symprec distance tolerance in Å
   * @throws SymmetryException when the structure is degenerate (overlapping atoms, flat cell) or no
   *     consistent group is found even at reduced tolerances
   */
  public static StandardStructure standardize(Structure s, double symprec, Choice choice) throws SymmetryException {
    if (s.size() == 0) throw new SymmetryException("the structure has no atoms");
    double vol = Math.abs(s.volume());
    if (!(vol > 1e-3)) throw new SymmetryException("the cell has no volume (" + vol + " Å³)");
    if (!(symprec > 0)) throw new SymmetryException("symprec must be positive");
    Result first = search(s, symprec, choice);
    if (first.exact()) return first.structure();
    // A noisy input is refined and looked at again, as spglib's users do (the reference gives the
    // group and setting of spglib's refined cell): refining averages out displacements that hid a
    // symmetry element at symprec, and the refined cell is laid out as spglib lays it out, since
    // which borderline element is found depends on that order. An exact input refines to itself.
    try {
      return search(first.refined(), symprec, choice).structure();
    } catch (SymmetryException e) {
      return first.structure();
    }
  }

  /**
   * A standardized structure, whether every operation maps the input onto itself within
   * {@link #EXACT}, and the refined conventional cell (atoms in spglib's order).
   */
  private record Result(StandardStructure structure, boolean exact, Structure refined) {}

  /** spglib's strategy (get_spacegroup_and_primitive): when no group is found, retry at 0.95 × tol. */
  private static Result search(Structure s, double symprec, Choice choice) throws SymmetryException {
    SymmetryException last = null;
    double tol = symprec;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++, tol *= REDUCE_RATE) {
      try {
        return attempt(s, tol, choice);
      } catch (SymmetryException e) {
        if (e.getMessage().startsWith("!")) throw new SymmetryException(e.getMessage().substring(1));
        last = e;
      }
    }
    throw last;
  }

  private static Result attempt(Structure s, double tol, Choice choice) throws SymmetryException {
    // 1. reduce the input cell
    int[][] t0 = delaunay(s.lattice(), tol);
    double[][] lat0 = Mat.mul(Mat.toDouble(t0), s.lattice());
    double[][] inv0 = Mat.inverse(Mat.toDouble(t0));
    int n = s.size();
    double[][] x0 = new double[n][];
    for (int i = 0; i < n; i++) x0[i] = Mat.wrap(rowTimes(s.positions().get(i), inv0));
    String[] sp = s.species().toArray(String[]::new);
    for (int i = 0; i < n; i++)
      for (int j = i + 1; j < n; j++)
        {
          double d = dist(lat0, x0[i], x0[j]);
          if (d < Math.max(tol, OVERLAP))
            throw new SymmetryException(String.format(
                "!atoms %d (%s) and %d (%s) are on top of each other (%.3f Å apart)", i + 1, sp[i], j + 1, sp[j], d));
        }

    // 2. primitive cell
    int ref = rarestSpecies(sp);
    boolean[] pure = new boolean[n];
    pure[ref] = true;
    for (int j = 0; j < n; j++) {
      if (pure[j] || !sp[j].equals(sp[ref])) continue;
      double[] t = Mat.wrapCentered(Mat.sub(x0[j], x0[ref]));
      if (!mapsOnto(lat0, x0, sp, null, t, tol)) continue;
      pure[j] = true;
      chain(lat0, x0, sp, t, pure, tol);
    }
    List<double[]> trans = new ArrayList<>();
    for (int j = 0; j < n; j++) if (pure[j] && j != ref) trans.add(Mat.wrapCentered(Mat.sub(x0[j], x0[ref])));
    double[][] latP;
    double[][] xP;
    String[] spP;
    if (trans.isEmpty()) {
      latP = lat0;
      xP = x0;
      spP = sp;
    } else {
      int order = trans.size() + 1;
      if (n % order != 0) throw new SymmetryException("inconsistent pure translations (" + order + " for " + n + " atoms)");
      int[][] basis = translationLattice(trans, order);
      double[][] b = new double[3][3];
      for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) b[i][j] = basis[i][j] / (double) order;
      double[][] lp = Mat.mul(b, lat0);
      if (Math.abs(Math.abs(Mat.det(lp)) * order - Math.abs(Mat.det(lat0))) > 1e-6 * Math.abs(Mat.det(lat0)))
        throw new SymmetryException("the pure translations do not form a lattice");
      if (Mat.det(lp) < 0) for (int k = 0; k < 3; k++) lp[0][k] = -lp[0][k];
      double[][] binv = Mat.inverse(Mat.mul(lp, Mat.inverse(lat0)));
      // as spglib's trim_cell: the first atom of each set of translation-equivalent ones stands for
      // the set, at the mean of their positions (taken next to it)
      double[][] y = new double[n][];
      for (int i = 0; i < n; i++) y[i] = Mat.wrap(rowTimes(x0[i], binv));
      int[] first = overlapTable(lp, y, sp, order, tol);
      if (first == null) throw new SymmetryException("atoms do not repeat with the pure translations found");
      List<double[]> xs = new ArrayList<>();
      List<double[]> sums = new ArrayList<>();
      List<String> ss = new ArrayList<>();
      int[] set = new int[n];
      for (int i = 0; i < n; i++) {
        if (first[i] == i) {
          set[i] = xs.size();
          xs.add(y[i]);
          sums.add(new double[3]);
          ss.add(sp[i]);
        } else {
          set[i] = set[first[i]];
        }
        int k = set[i];
        double[] near = Mat.add(xs.get(k), Mat.wrapCentered(Mat.sub(y[i], xs.get(k))));
        for (int c = 0; c < 3; c++) sums.get(k)[c] += near[c];
      }
      latP = lp;
      xP = new double[xs.size()][];
      for (int k = 0; k < xs.size(); k++) xP[k] = Mat.wrap(Mat.scale(sums.get(k), 1.0 / order));
      spP = ss.toArray(String[]::new);
    }
    int[][] tp = delaunay(latP, tol);
    double[][] latR = Mat.mul(Mat.toDouble(tp), latP);
    double[][] invP = Mat.inverse(Mat.toDouble(tp));
    double[][] xR = new double[xP.length][];
    for (int i = 0; i < xP.length; i++) xR[i] = Mat.wrap(rowTimes(xP[i], invP));

    // 3. lattice point group, 4. space-group operations. spglib's translation for a rotation W is
    // x_j − W x_ref for the first atom j that makes every atom land on one (no averaging): the
    // origin solved later and the symmetrized positions come from these translations.
    List<int[][]> latticeRots = latticePointGroup(latR, tol);
    List<SymOp> ops = new ArrayList<>();
    int refR = rarestSpecies(spP);
    for (int[][] w : latticeRots) {
      double[] wx = Mat.mul(w, xR[refR]);
      for (int j = 0; j < xR.length; j++) {
        if (!spP[j].equals(spP[refR])) continue;
        double[] t = Mat.wrapCentered(Mat.sub(xR[j], wx));
        if (mapsOnto(latR, xR, spP, w, t, tol)) {
          ops.add(new SymOp(w, t));
          break;
        }
      }
    }
    // 5–6. the group type. As spglib (iterative_search_hall_number): when the operations match no
    // standard setting within tol, drop those that fail at tol·0.95^k (k = 1…20) and match again,
    // still within tol; only when all of that fails is the whole search retried at a lower tol.
    // (the spglib choice also asks spglib's own origin arithmetic to accept the type; should no
    // subset pass that, the search is repeated without it rather than giving up)
    Found found = null;
    for (boolean hallCheck : choice == Choice.SPGLIB ? new boolean[] {true, false} : new boolean[] {false}) {
      found = settings(ops, latticeRots, latR, tol, choice, hallCheck);
      for (int k = 1; found == null && k <= REDUCE_STEPS; k++) {
        double tk = tol * Math.pow(REDUCE_RATE, k);
        List<int[][]> kept = latticePointGroup(latR, tk);
        List<SymOp> reduced = new ArrayList<>();
        for (SymOp op : ops)
          if (contains(kept, op.rot) && mapsOnto(latR, xR, spP, op.rot, op.trans, tk)) reduced.add(op);
        if (reduced.size() < ops.size()) found = settings(reduced, latticeRots, latR, tol, choice, hallCheck);
      }
      if (found != null) break;
    }
    if (found == null)
      throw new SymmetryException("the " + ops.size() + " operations found at tolerance " + fmt(tol)
          + " match no standard setting, nor do any of their subsets kept at lower tolerances");
    List<Setting> settings = found.settings();
    String system = found.system();
    double residual = 0;
    for (SymOp op : found.ops()) residual = Math.max(residual, residual(latR, xR, spP, op.rot, op.trans));
    boolean exact = residual <= EXACT;
    if (choice == Choice.SPGLIB) {
      // An input symmetric to within the rounding of its file (every operation maps every atom
      // within EXACT Å) leaves spglib's choice among equal bases and origins to floating-point
      // noise (1e-9 of it flips spglib's answer on a sixth of MP-20), and there the reference is
      // nearer our nearest-to-input rule than any one spglib run; on a noisy input the
      // displacements decide, and the reference follows spglib's own steps (docs/BENCHMARKS.md,
      // "exact and noisy inputs", "the reference is spglib's answer under noise").
      boolean noisy = !exact;
      Setting chosen = null;
      double[] chosenOrigin = null;
      double[] bestKey = null;
      List<int[][]> opRots = new ArrayList<>();
      List<double[]> opTrans = new ArrayList<>();
      for (SymOp op : found.ops()) {
        opRots.add(op.rot);
        opTrans.add(op.trans);
      }
      int[][] frame = SpglibSetting.frame(system, opRots, latR, s.lattice());
      // spglib's length preference for orthorhombic axes: among the axis orders the group allows,
      // the one with the lengths in lexicographic order (|a| ≤ |b| ≤ |c| where all six are allowed)
      List<double[]> lengths = new ArrayList<>();
      double[] shortest = null;
      for (Setting st : settings) lengths.add(SpglibSetting.lengths(st.p, latR));
      if (system.equals("orthorhombic"))
        for (double[] len : lengths) if (shortest == null || SpglibSetting.compareLengths(len, shortest) < 0) shortest = len;
      // primitive monoclinic and orthorhombic lattices: spglib's own basis, found by its steps
      // (SpglibSetting.monoclinicBasis, orthorhombicBasis) among the bases that match, ...
      double[][] ownBasis = null;
      Predicate<double[][]> matched = basis -> settings.stream().anyMatch(st -> sameBasis(st.p, latR, basis));
      int number = settings.get(0).group.number();
      char centring = settings.get(0).group.centring();
      if ((centring == 'P' || noisy) && system.equals("monoclinic"))
        ownBasis = SpglibSetting.monoclinicBasis(opRots, latR, s.lattice(), number, tol, matched);
      // ... and A-centred orthorhombic ones (Amm2, Aem2, Ama2, Aea2), where the reference follows
      // the same steps from the C-corrected frame; on exact C, I and F lattices it does not
      if ((centring == 'P' || centring == 'A' || noisy) && system.equals("orthorhombic"))
        ownBasis = SpglibSetting.orthorhombicBasis(opRots, latR, s.lattice(), number, tol, matched);
      for (int i = 0; i < settings.size(); i++) {
        Setting st = settings.get(i);
        Boolean spglibBasis = ownBasis == null ? null : sameBasis(st.p, latR, ownBasis);
        double[] predicted = SpglibSetting.spglibOrigin(st.p, st.group, opRots, opTrans, latR, tol);
        double[] key = SpglibSetting.key(st.p, st.q, st.group, system, frame, s.lattice(), latR,
            closeness(st, s.lattice(), latR, system) - ORIGIN_WEIGHT * norm(latR, st.q), predicted,
            shortest != null && SpglibSetting.compareLengths(lengths.get(i), shortest) != 0,
            spglibBasis);
        if (bestKey == null || SpglibSetting.compare(key, bestKey) < 0) {
          bestKey = key;
          chosen = st;
          chosenOrigin = predicted;
        }
      }
      // along a polar axis every origin is standard; on a noisy input take spglib's, which for a
      // centred lattice is not the input's (its shift is solved in the primitive basis)
      if (chosenOrigin != null && noisy) {
        boolean[] free = freeDirections(chosen.group.number());
        double[][] pd = Mat.toDouble(chosen.p);
        double[] o = Mat.mul(Mat.inverse(pd), chosen.q);
        // up to the centring translation that brings the fixed coordinates nearest spglib's origin
        double[] best = null;
        double bestMiss = Double.MAX_VALUE;
        for (double[] c : chosen.group.centrings()) {
          double[] d = Mat.wrapCentered(Mat.sub(Mat.sub(chosenOrigin, o), c));
          double miss = 0;
          for (int k = 0; k < 3; k++) if (!free[k]) miss = Math.max(miss, Math.abs(d[k]));
          if (miss < bestMiss) {
            bestMiss = miss;
            best = d;
          }
        }
        for (int k = 0; k < 3; k++) if (free[k]) o[k] += best[k];
        chosen = new Setting(chosen.group, chosen.p, Mat.mul(pd, o));
      }
      Built built = build(chosen, latR, xR, spP, tol);
      return new Result(built.structure(), exact, built.refined());
    }
    if (choice == Choice.NEAREST_INPUT) {
      Setting nearest = null;
      double bestScore = Double.MAX_VALUE;
      for (Setting st : settings) {
        double score = closeness(st, s.lattice(), latR, system);
        if (score < bestScore - 1e-6) {
          bestScore = score;
          nearest = st;
        }
      }
      Built built = build(nearest, latR, xR, spP, tol);
      return new Result(built.structure(), exact, built.refined());
    }
    StandardStructure best = null;
    Structure bestRefined = null;
    SymmetryException failure = null;
    for (Setting st : settings) {
      try {
        Built built = build(st, latR, xR, spP, tol);
        StandardStructure cand = anchored(built.structure(), tol);
        if (best == null || CANONICAL_ORDER.compare(cand, best) < 0) {
          best = cand;
          bestRefined = built.refined();
        }
      } catch (SymmetryException e) {
        failure = e;
      }
    }
    if (best == null) throw failure;
    return new Result(best, exact, bestRefined);
  }

  /** Whether basis change p (columns in the reduced basis latR) gives these vectors (rows, Cartesian). */
  private static boolean sameBasis(int[][] p, double[][] latR, double[][] basis) {
    double[][] conv = Mat.mul(Mat.transpose(Mat.toDouble(p)), latR);
    for (int i = 0; i < 3; i++)
      if (Mat.norm(Mat.sub(conv[i], basis[i])) > 1e-6 * (1 + Mat.norm(basis[i]))) return false;
    return true;
  }

  private static final int[][] IDENTITY = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

  /** spglib's reduction of operations when no setting matches: rate and number of steps. */
  private static final double REDUCE_RATE = 0.95;

  private static final int REDUCE_STEPS = 20;

  /** Whole searches tried, each at 0.95 × the previous tolerance (spglib: 20). */
  private static final int ATTEMPTS = 20;

  /** The settings that describe the operations, with their crystal system and the operations matched. */
  private record Found(String system, List<Setting> settings, List<SymOp> ops) {}

  /**
   * Every standard setting of the table that the operations match within tol, or null when they do
   * not form a point group of the table or no setting matches.
   */
  private static Found settings(
      List<SymOp> ops, List<int[][]> latticeRots, double[][] latR, double tol, Choice choice, boolean hallCheck) {
    List<int[][]> rots = new ArrayList<>();
    for (SymOp op : ops) rots.add(op.rot);
    List<int[][]> group = closure(rots, 48);
    if (group == null || group.size() != rots.size()) return null;
    String sig = WyckoffTable.signature(rots);
    // 5–6. conventional basis and group type
    List<WyckoffTable.Group> candidates = new ArrayList<>();
    for (WyckoffTable.Group g : WyckoffTable.all()) if (g.signature().equals(sig)) candidates.add(g);
    if (candidates.isEmpty()) return null;
    String system = candidates.get(0).crystalSystem();
    List<int[][]> bases = conventionalBases(system, ops, latR, tol);
    // every image of a candidate basis under the lattice's proper rotations is a candidate too
    List<int[][]> properRots = new ArrayList<>();
    for (int[][] w : latticeRots) if (Mat.det(w) == 1) properRots.add(w);
    // Every matching setting is an equally standard description (another origin or axis choice
    // among the normalizer's alternatives). Images of a basis under the crystal's own rotations
    // describe the structure identically, so only one image per coset is tried. The canonical
    // description is the least under CANONICAL_ORDER, which makes the sentence independent of the
    // input's setting (origin, axes, cell).
    List<Integer> gens = generators(ops);
    List<Setting> settings = new ArrayList<>();
    double bestReduced = Double.MAX_VALUE;
    for (int[][] p0 : bases) {
      if (system.equals("monoclinic")) {
        double r = Math.rint(monoclinicScore(p0, latR) * 1e3) / 1e3;
        if (r > bestReduced) break; // bases come sorted: only the most reduced cells
      }
      List<int[][]> reps = new ArrayList<>();
      List<int[][]> pool = system.equals("triclinic") ? List.<int[][]>of(IDENTITY) : properRots;
      for (int[][] w : pool) {
        boolean same = false;
        // (NEAREST_INPUT and SPGLIB keep every image: equal descriptions, but different closeness to the input)
        if (choice == Choice.CANONICAL) for (int[][] v : reps) same |= contains(rots, Mat.mul(w, inverseUnimodular(v)));
        if (same) continue;
        reps.add(w);
        int[][] p = Mat.mul(w, p0);
        for (WyckoffTable.Group g : candidates) {
          List<Setting> found = match(p, g, ops, gens, latR, tol);
          if (found.isEmpty()) continue;
          settings.addAll(found);
          if (system.equals("monoclinic")) bestReduced = Math.rint(monoclinicScore(p0, latR) * 1e3) / 1e3;
          break;
        }
      }
    }
    if (settings.isEmpty()) return null;
    if (hallCheck) {
      // as spglib: a group type counts only if its Hall-symbol arithmetic finds an origin under
      // which every operation matches within tol; else the tolerance is lowered
      List<int[][]> opRots = new ArrayList<>();
      List<double[]> opTrans = new ArrayList<>();
      for (SymOp op : ops) {
        opRots.add(op.rot);
        opTrans.add(op.trans);
      }
      if (settings.stream().noneMatch(st -> HallOrigin.shift(st.group, st.p, opRots, opTrans, latR, tol) != null)) return null;
    }
    return new Found(system, settings, ops);
  }

  /**
   * In a polar group any origin along the polar directions is standard. The canonical choice puts
   * some atom's free coordinates at 0: every distinct choice is tried, keeping the least
   * description. Such a shift commutes with every operation, so the letters are kept; the member
   * written for each site is chosen again.
   */
  private static StandardStructure anchored(StandardStructure st, double tol) throws SymmetryException {
    boolean[] free = freeDirections(st.group());
    if (!free[0] && !free[1] && !free[2]) return st;
    WyckoffTable.Group g = WyckoffTable.group(st.group());
    double[] p = st.lattice();
    double[][] lat = Structure.latticeFromParameters(p[0], p[1], p[2], p[3], p[4], p[5]);
    List<double[]> anchors = new ArrayList<>();
    for (StandardStructure.Site site : st.sites())
      for (double[] x : orbit(g.ops(), site.xyz(), lat, tol)) {
        double[] a = new double[3];
        for (int k = 0; k < 3; k++) a[k] = free[k] ? x[k] : 0;
        boolean dup = false;
        for (double[] b : anchors) dup |= dist(lat, a, b) < 1e-6;
        if (!dup) anchors.add(a);
      }
    StandardStructure best = null;
    for (double[] a : anchors) {
      List<StandardStructure.Site> moved = new ArrayList<>();
      for (StandardStructure.Site site : st.sites()) {
        List<double[]> images = orbit(g.ops(), Mat.sub(site.xyz(), a), lat, tol);
        StandardStructure.Site m = assign(g, images, site.multiplicity(), site.element(), lat, tol);
        if (m == null || m.letter() != site.letter())
          throw new SymmetryException("a polar origin shift changed a Wyckoff letter (internal inconsistency)");
        moved.add(m);
      }
      moved.sort(StandardStructure.SITE_ORDER);
      StandardStructure cand = new StandardStructure(st.group(), st.symbol(), st.lattice(), moved);
      if (best == null || CANONICAL_ORDER.compare(cand, best) < 0) best = cand;
    }
    return best;
  }

  /** Coordinates that every rotation of the group leaves alone (the polar directions). */
  static boolean[] freeDirections(int group) {
    boolean[] free = {true, true, true};
    for (int[][] r : WyckoffTable.group(group).rotations())
      for (int k = 0; k < 3; k++)
        for (int i = 0; i < 3; i++) if (r[i][k] != (i == k ? 1 : 0)) free[k] = false;
    return free;
  }

  /**
   * The order that picks the canonical description among equivalent ones: Wyckoff letters first
   * (earliest letters win), then elements in sentence order, then coordinates and lattice
   * parameters, rounded so that noise below 1e-4 cannot flip the choice.
   */
  static final Comparator<StandardStructure> CANONICAL_ORDER = (x, y) -> {
    List<StandardStructure.Site> a = x.sites(), b = y.sites();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(StandardStructure.letterRank(a.get(i).letter()), StandardStructure.letterRank(b.get(i).letter()));
      if (c != 0) return c;
    }
    if (a.size() != b.size()) return Integer.compare(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).element().compareTo(b.get(i).element());
      if (c != 0) return c;
    }
    for (int i = 0; i < a.size(); i++)
      for (int k = 0; k < 3; k++) {
        int c = Long.compare(Math.round(a.get(i).xyz()[k] * 1e4), Math.round(b.get(i).xyz()[k] * 1e4));
        if (c != 0) return c;
      }
    for (int k = 0; k < 6; k++) {
      int c = Long.compare(Math.round(x.lattice()[k] * 1e3), Math.round(y.lattice()[k] * 1e3));
      if (c != 0) return c;
    }
    return 0;
  };

  private static boolean contains(List<int[][]> list, int[][] m) {
    for (int[][] r : list) if (Mat.equal(r, m)) return true;
    return false;
  }

  /** The adjugate: adj(P) P = det(P) I. */
  private static int[][] adjugate(int[][] m) {
    int[][] r = new int[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
        r[i][j] = m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1];
      }
    return r;
  }

  /** Indices of operations whose rotations generate the whole point group (at most a few). */
  private static List<Integer> generators(List<SymOp> ops) {
    List<Integer> gens = new ArrayList<>();
    List<int[][]> genRots = new ArrayList<>();
    List<int[][]> span = closure(genRots, 48);
    for (int i = 0; i < ops.size() && span.size() < ops.size(); i++) {
      if (contains(span, ops.get(i).rot)) continue;
      gens.add(i);
      genRots.add(ops.get(i).rot);
      span = closure(genRots, 48);
    }
    return gens;
  }

  /** Inverse of an integer matrix with determinant ±1. */
  private static int[][] inverseUnimodular(int[][] m) {
    int[][] r = Mat.roundExact(Mat.inverse(Mat.toDouble(m)));
    return r;
  }

  // ---------------------------------------------------------------------------------------------
  // Standard structure

  /**
   * A standardized structure and its refined conventional cell, laid out as spglib's refine_cell
   * does: each primitive atom, in input order, at its orbit representative's image, repeated for
   * each centring translation in turn.
   */
  private record Built(StandardStructure structure, Structure refined) {}

  /** The standardized structure of setting st. */
  private static Built build(Setting st, double[][] latR, double[][] xR, String[] spP, double tol)
      throws SymmetryException {
    WyckoffTable.Group g = st.group;
    int[][] p = st.p;
    double[][] pd = Mat.toDouble(p);
    double[][] pinv = Mat.inverse(pd);
    double[][] latC = Mat.mul(Mat.transpose(pd), latR);
    // metric averaged over the point group
    double[][] gm = Mat.metric(latC);
    double[][] avg = new double[3][3];
    for (int[][] r : g.rotations()) {
      double[][] rd = Mat.toDouble(r);
      double[][] t = Mat.mul(Mat.mul(Mat.transpose(rd), gm), rd);
      for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) avg[i][j] += t[i][j] / g.rotations().size();
    }
    double[] params = parameters(avg);
    double[][] latS = Structure.latticeFromParameters(params[0], params[1], params[2], params[3], params[4], params[5]);

    int m = xR.length;
    double[][] xc = new double[m][];
    for (int i = 0; i < m; i++) xc[i] = Mat.wrap(Mat.mul(pinv, Mat.sub(xR[i], st.q)));
    boolean[] done = new boolean[m];
    double[][] refined = new double[m][];
    List<StandardStructure.Site> sites = new ArrayList<>();
    List<WyckoffTable.Op> gops = g.ops();
    for (int i = 0; i < m; i++) {
      if (done[i]) continue;
      // the primitive atoms in this orbit
      List<double[]> orbit = orbit(gops, xc[i], latS, tol);
      List<Integer> members = new ArrayList<>();
      for (int k = i; k < m; k++) {
        if (done[k] || !spP[k].equals(spP[i])) continue;
        for (double[] o : orbit) done[k] |= dist(latS, o, xc[k]) < tol * 2;
        if (done[k]) members.add(k);
      }
      // symmetrize as spglib (site_symmetry.c): the orbit's first atom alone, averaged over its
      // images that land on it (the projection onto its site-symmetry's fixed points); the other
      // members are its images, whatever their own noise
      double[] r0 = xc[i];
      double[] sum = new double[3];
      int cnt = 0;
      for (WyckoffTable.Op op : gops) {
        double[] z = Mat.add(Mat.mul(op.rot(), r0), op.trans());
        double[] d = Mat.wrapCentered(Mat.sub(z, r0));
        if (norm(latS, d) < tol * 2) {
          for (int c = 0; c < 3; c++) sum[c] += r0[c] + d[c];
          cnt++;
        }
      }
      double[] rs = cnt == 0 ? r0 : Mat.scale(sum, 1.0 / cnt);
      // each member at the image of rs by the first operation that brings rs onto it
      for (int k : members) {
        refined[k] = xc[k];
        for (WyckoffTable.Op op : gops) {
          double[] d = Mat.wrapCentered(Mat.sub(Mat.add(Mat.mul(op.rot(), rs), op.trans()), xc[k]));
          if (norm(latS, d) < tol * 2) {
            refined[k] = Mat.wrap(Mat.add(xc[k], d));
            break;
          }
        }
      }
      List<double[]> images = orbit(gops, rs, latS, tol);
      int mult = images.size();
      StandardStructure.Site site = assign(g, images, mult, spP[i], latS, tol);
      if (site == null)
        throw new SymmetryException("no Wyckoff position of " + g.number() + " with multiplicity " + mult + " holds the "
            + spP[i] + " orbit");
      sites.add(site);
    }
    sites.sort(StandardStructure.SITE_ORDER);
    List<double[]> positions = new ArrayList<>();
    List<String> species = new ArrayList<>();
    for (double[] c : g.centrings())
      for (int k = 0; k < m; k++) {
        positions.add(Mat.wrap(Mat.add(refined[k], c)));
        species.add(spP[k]);
      }
    return new Built(new StandardStructure(g.number(), g.symbol(), params, sites), new Structure(latS, positions, species));
  }

  /** The Wyckoff position of an orbit, and the member that satisfies its representative. */
  private static StandardStructure.Site assign(
      WyckoffTable.Group g, List<double[]> orbit, int mult, String element, double[][] lat, double tol) {
    for (WyckoffTable.Position pos : g.positions()) {
      if (pos.multiplicity() != mult) continue;
      double[] bestPoint = null;
      for (double[] r : orbit) {
        double[] on = onRepresentative(pos, r, lat, tol);
        if (on == null) continue;
        double[] w = roundWrap(on);
        if (bestPoint == null || compare(w, bestPoint) < 0) bestPoint = w;
      }
      if (bestPoint != null) return new StandardStructure.Site(pos.letter(), mult, element, bestPoint, pos.text());
    }
    return null;
  }

  /**
   * The point of the representative's affine subspace that equals r modulo lattice translations,
   * or null when r is not on it. Solves A u + b = r + n for the free parameters u over small
   * integer n (|n| ≤ 2 covers coefficients like 2x in {@code x, 2x, z}).
   */
  private static double[] onRepresentative(WyckoffTable.Position pos, double[] r, double[][] lat, double tol) {
    Prepared prep = PREPARED.computeIfAbsent(pos, Prepared::of);
    if (prep.rank == 3) return r.clone(); // x, y, z (or an invertible map of them): every point
    double[] b = pos.constant();
    double[] base = new double[3];
    for (int i = 0; i < 3; i++) {
      base[i] = r[i] - b[i];
      if (prep.fixed[i]) {
        // a fixed coordinate must match modulo 1: a cheap test before any projection
        base[i] -= Math.rint(base[i]);
        if (Math.abs(base[i]) * Mat.norm(lat[i]) > tol * 2) return null;
      }
    }
    double[][] proj = prep.projector;
    int r0 = prep.fixed[0] ? 0 : 2, r1 = prep.fixed[1] ? 0 : 2, r2 = prep.fixed[2] ? 0 : 2;
    double bestErr = Double.MAX_VALUE;
    double b0 = 0, b1 = 0, b2 = 0;
    for (int i = -r0; i <= r0; i++)
      for (int j = -r1; j <= r1; j++)
        for (int k = -r2; k <= r2; k++) {
          double t0 = base[0] + i, t1 = base[1] + j, t2 = base[2] + k;
          double p0 = proj[0][0] * t0 + proj[0][1] * t1 + proj[0][2] * t2;
          double p1 = proj[1][0] * t0 + proj[1][1] * t1 + proj[1][2] * t2;
          double p2 = proj[2][0] * t0 + proj[2][1] * t1 + proj[2][2] * t2;
          double e0 = t0 - p0, e1 = t1 - p1, e2 = t2 - p2;
          double cx = e0 * lat[0][0] + e1 * lat[1][0] + e2 * lat[2][0];
          double cy = e0 * lat[0][1] + e1 * lat[1][1] + e2 * lat[2][1];
          double cz = e0 * lat[0][2] + e1 * lat[1][2] + e2 * lat[2][2];
          double err = cx * cx + cy * cy + cz * cz;
          if (err < bestErr) {
            bestErr = err;
            b0 = p0;
            b1 = p1;
            b2 = p2;
          }
        }
    return Math.sqrt(bestErr) < tol * 2 ? new double[] {b0 + b[0], b1 + b[1], b2 + b[2]} : null;
  }

  /** Per Wyckoff position: projector onto its free directions, fixed rows, rank. */
  private record Prepared(double[][] projector, boolean[] fixed, int rank) {
    static Prepared of(WyckoffTable.Position p) {
      int[][] a = p.coeff();
      boolean[] fixed = new boolean[3];
      for (int i = 0; i < 3; i++) fixed[i] = a[i][0] == 0 && a[i][1] == 0 && a[i][2] == 0;
      double[][] proj = SymmetryFinder.projector(a);
      int rank = (int) Math.round(proj[0][0] + proj[1][1] + proj[2][2]);
      return new Prepared(proj, fixed, rank);
    }
  }

  /** Orthogonal projector (fractional metric) onto the column space of an integer matrix. */
  private static double[][] projector(int[][] a) {
    // Gram–Schmidt on the columns
    List<double[]> basis = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      double[] v = {a[0][c], a[1][c], a[2][c]};
      for (double[] e : basis) v = Mat.sub(v, Mat.scale(e, Mat.dot(v, e)));
      double nv = Mat.norm(v);
      if (nv > 1e-9) basis.add(Mat.scale(v, 1 / nv));
    }
    double[][] p = new double[3][3];
    for (double[] e : basis) for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) p[i][j] += e[i] * e[j];
    return p;
  }

  /** Distinct images of x under the operations, wrapped into [0,1). */
  private static List<double[]> orbit(List<WyckoffTable.Op> ops, double[] x, double[][] lat, double tol) {
    List<double[]> out = new ArrayList<>();
    for (WyckoffTable.Op op : ops) {
      double[] z = Mat.wrap(Mat.add(Mat.mul(op.rot(), x), op.trans()));
      boolean dup = false;
      for (int k = 0; k < out.size() && !dup; k++) dup = dist(lat, out.get(k), z) < tol;
      if (!dup) out.add(z);
    }
    return out;
  }

  private static double[] roundWrap(double[] v) {
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) {
      double w = v[i] - Math.floor(v[i]);
      w = Math.round(w * 1e6) / 1e6;
      if (w >= 1) w -= 1;
      r[i] = w == 0 ? 0 : w;
    }
    return r;
  }

  private static int compare(double[] a, double[] b) {
    for (int i = 0; i < 3; i++) if (a[i] != b[i]) return Double.compare(a[i], b[i]);
    return 0;
  }

  // ---------------------------------------------------------------------------------------------
  // Group type: matching against the table

  /**
   * Whether the operations, in the basis P, are those of table group g after an origin shift:
   * every origin shift that makes them so (none when g does not match).
   */
  private static List<Setting> match(
      int[][] p, WyckoffTable.Group g, List<SymOp> ops, List<Integer> gens, double[][] lat, double tol) {
    int det = Mat.det(p);
    if (det != g.centrings().size()) return List.of();
    for (double[] c : g.centrings()) {
      double[] pc = Mat.mul(p, c);
      for (double v : pc) if (Math.abs(v - Math.round(v)) > 1e-6) return List.of();
    }
    // P⁻¹ W P in integers: adj(P) W P / det(P)
    int[][] adj = adjugate(p);
    double[][] pd = Mat.toDouble(p);
    int k = ops.size();
    int[][][] w = new int[k][][];
    double[][] d = new double[k][];
    for (int i = 0; i < k; i++) {
      SymOp op = ops.get(i);
      int[][] num = Mat.mul(Mat.mul(adj, op.rot), p);
      int[][] r = new int[3][3];
      for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
          if (num[a][b] % det != 0) return List.of();
          r[a][b] = num[a][b] / det;
        }
      int idx = -1;
      for (int j = 0; j < g.rotations().size() && idx < 0; j++) if (Mat.equal(r, g.rotations().get(j))) idx = j;
      if (idx < 0) return List.of();
      w[i] = op.rot;
      d[i] = Mat.sub(Mat.mul(pd, g.rotationTranslation().get(idx)), op.trans);
    }
    List<Setting> out = new ArrayList<>();
    List<double[]> free = new ArrayList<>();
    for (double[] q : solveShift(gens, w, d, free)) {
      q = shortest(q, free, lat);
      q = leastSquares(q, w, d, lat);
      // as spglib (is_match_database): every operation's translation, after the origin shift,
      // within tol (Cartesian) of the table's; a screw or glide part left beyond tol is no match.
      // spglib solves the shift from its generators' translations; we take the shift that fits
      // all operations best, which does not depend on which of them are the generators.
      double worst = 0;
      for (int i = 0; i < k && worst < tol; i++) {
        double[] wq = Mat.mul(w[i], q);
        double[] res = Mat.wrapCentered(Mat.sub(Mat.sub(wq, q), d[i]));
        worst = Math.max(worst, norm(lat, res));
      }
      if (worst >= tol) continue;
      out.add(new Setting(g, p, q));
    }
    return out;
  }

  /**
   * The origin shift q + δ that minimizes the squared Cartesian residuals of all the operations,
   * (W_i − I) q − d_i wrapped, rather than solving the generators' alone: with noisy translations
   * the generators' exact solution can leave the others' residuals beyond tol.
   */
  private static double[] leastSquares(double[] q, int[][][] w, double[][] d, double[][] lat) {
    double[][] gm = Mat.metric(lat);
    double[][] a = new double[3][3];
    double[] b = new double[3];
    for (int i = 0; i < w.length; i++) {
      double[][] m = Mat.toDouble(w[i]);
      for (int c = 0; c < 3; c++) m[c][c] -= 1;
      double[] res = Mat.wrapCentered(Mat.sub(Mat.mul(m, q), d[i]));
      double[][] mtg = Mat.mul(Mat.transpose(m), gm);
      double[][] mtgm = Mat.mul(mtg, m);
      double[] mtgr = Mat.mul(mtg, res);
      for (int r = 0; r < 3; r++) {
        b[r] -= mtgr[r];
        for (int c = 0; c < 3; c++) a[r][c] += mtgm[r][c];
      }
    }
    // free (polar) directions make a singular: a tiny ridge term keeps δ there at 0
    double ridge = 1e-9 * (a[0][0] + a[1][1] + a[2][2] + 1e-12);
    for (int c = 0; c < 3; c++) a[c][c] += ridge;
    return Mat.add(q, Mat.mul(Mat.inverse(a), b));
  }

  /**
   * Solutions q of (W_i − I) q ≡ d_i (mod 1) for the generator operations, from a diagonal form
   * U A V = D of the stacked integer matrices: D y ≡ U d, q = V y. Free directions get 0; each
   * divisor D_jj gives D_jj discrete solutions.
   */
  private static List<double[]> solveShift(List<Integer> gens, int[][][] w, double[][] d, List<double[]> free) {
    int rows = 3 * gens.size();
    if (rows == 0) {
      for (int i = 0; i < 3; i++) {
        double[] e = new double[3];
        e[i] = 1;
        free.add(e);
      }
      return List.of(new double[3]);
    }
    long[][] a = new long[rows][3];
    double[] rhs = new double[rows];
    for (int gi = 0; gi < gens.size(); gi++) {
      int[][] m = w[gens.get(gi)];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) a[3 * gi + i][j] = m[i][j] - (i == j ? 1 : 0);
        rhs[3 * gi + i] = d[gens.get(gi)][i];
      }
    }
    long[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    // diagonalize with row ops applied to rhs (U d) and column ops recorded in V
    int rank = 0;
    for (int s = 0; s < 3 && s < rows; s++) {
      while (true) {
        int pr = -1, pc = -1;
        long min = Long.MAX_VALUE;
        for (int i = s; i < rows; i++)
          for (int j = s; j < 3; j++)
            if (a[i][j] != 0 && Math.abs(a[i][j]) < min) {
              min = Math.abs(a[i][j]);
              pr = i;
              pc = j;
            }
        if (pr < 0) break;
        swapRows(a, rhs, s, pr);
        swapCols(a, v, s, pc);
        boolean clean = true;
        for (int i = s + 1; i < rows; i++) {
          long f = Math.floorDiv(a[i][s], a[s][s]);
          if (f != 0) {
            for (int j = 0; j < 3; j++) a[i][j] -= f * a[s][j];
            rhs[i] -= f * rhs[s];
          }
          if (a[i][s] != 0) clean = false;
        }
        for (int j = s + 1; j < 3; j++) {
          long f = Math.floorDiv(a[s][j], a[s][s]);
          if (f != 0) {
            for (int i = 0; i < rows; i++) a[i][j] -= f * a[i][s];
            for (int i = 0; i < 3; i++) v[i][j] -= f * v[i][s];
          }
          if (a[s][j] != 0) clean = false;
        }
        if (clean) {
          rank = s + 1;
          break;
        }
      }
      if (rank != s + 1) break;
    }
    for (int i = rank; i < rows; i++) {
      double r = rhs[i] - Math.round(rhs[i]);
      if (Math.abs(r) > 0.1) return List.of();
    }
    List<double[]> ys = new ArrayList<>();
    ys.add(new double[3]);
    for (int s = 0; s < rank; s++) {
      long dd = Math.abs(a[s][s]);
      double sign = Math.signum(a[s][s]);
      List<double[]> next = new ArrayList<>();
      for (double[] y : ys)
        for (long kk = 0; kk < dd; kk++) {
          double[] y2 = y.clone();
          y2[s] = (rhs[s] + kk) / (sign * dd);
          next.add(y2);
        }
      ys = next;
    }
    for (int s = rank; s < 3; s++) free.add(new double[] {v[0][s], v[1][s], v[2][s]});
    List<double[]> qs = new ArrayList<>();
    for (double[] y : ys) {
      double[] q = new double[3];
      for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) q[i] += v[i][j] * y[j];
      qs.add(q);
    }
    return qs;
  }

  /**
   * The shortest representative of q modulo lattice translations and free directions (along which
   * any shift is a solution: the origin stays where the input had it, like spglib).
   */
  private static double[] shortest(double[] q, List<double[]> free, double[][] lat) {
    // cartesian orthonormal basis of the free directions
    List<double[]> basis = new ArrayList<>();
    for (double[] f : free) {
      double[] c = Mat.cart(lat, f);
      for (double[] e : basis) c = Mat.sub(c, Mat.scale(e, Mat.dot(c, e)));
      double nc = Mat.norm(c);
      if (nc > 1e-9) basis.add(Mat.scale(c, 1 / nc));
    }
    double[][] inv = Mat.inverse(lat);
    double[] best = null;
    double bestNorm = Double.MAX_VALUE;
    double[] q0 = Mat.wrapCentered(q);
    for (int i = -1; i <= 1; i++)
      for (int j = -1; j <= 1; j++)
        for (int k = -1; k <= 1; k++) {
          double[] c = Mat.cart(lat, new double[] {q0[0] + i, q0[1] + j, q0[2] + k});
          for (double[] e : basis) c = Mat.sub(c, Mat.scale(e, Mat.dot(c, e)));
          double nc = Mat.norm(c);
          if (nc < bestNorm - 1e-9) {
            bestNorm = nc;
            best = c;
          }
        }
    // back to fractional: x = c · L⁻¹ (row vector)
    double[] x = new double[3];
    for (int a = 0; a < 3; a++) for (int b = 0; b < 3; b++) x[b] += best[a] * inv[a][b];
    return x;
  }

  private static void swapRows(long[][] a, double[] rhs, int i, int j) {
    if (i == j) return;
    long[] t = a[i];
    a[i] = a[j];
    a[j] = t;
    double r = rhs[i];
    rhs[i] = rhs[j];
    rhs[j] = r;
  }

  private static void swapCols(long[][] a, long[][] v, int i, int j) {
    if (i == j) return;
    for (long[] row : a) {
      long t = row[i];
      row[i] = row[j];
      row[j] = t;
    }
    for (long[] row : v) {
      long t = row[i];
      row[i] = row[j];
      row[j] = t;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Conventional bases

  /**
   * How far a setting is from the input cell: the conventional vectors are compared with those the
   * input would give if it were a standard primitive cell (spglib's primitive-cell conventions for
   * each centring) — each with the nearest of them, then slot by slot — plus a small term for the
   * origin shift. Monoclinic cells with β < 90° are
   * penalized: the standard monoclinic cell has β ≥ 90°.
   */
  private static double closeness(Setting st, double[][] input, double[][] latR, String system) {
    double[][] conv = Mat.mul(Mat.transpose(Mat.toDouble(st.p)), latR);
    double[][] expected = SpglibSetting.inputFrame(st.group.centring(), input);
    double score = 0;
    for (int i = 0; i < 3; i++) score += Mat.norm(Mat.sub(conv[i], expected[i]));
    {
      // as a set: each conventional vector against the nearest expected one, whatever its slot,
      // so that axes the standard setting must permute still point along the input's axes
      double set = 0;
      for (int i = 0; i < 3; i++) {
        double best = Double.MAX_VALUE;
        for (int j = 0; j < 3; j++) best = Math.min(best, Mat.norm(Mat.sub(conv[i], expected[j])));
        set += best;
      }
      score = set + 1e-2 * score;
    }
    score += ORIGIN_WEIGHT * norm(latR, st.q);
    if (system.equals("monoclinic")) {
      double cosb = Mat.dot(conv[0], conv[2]) / (Mat.norm(conv[0]) * Mat.norm(conv[2]));
      if (cosb > 1e-9) score += 1e6;
    }
    return score;
  }

  /** Weight of the origin shift (Å) against the axes' distance from the input's (Å) in {@link #closeness}. */
  private static final double ORIGIN_WEIGHT = 1e-3;

  /** Candidate basis changes P (columns: conventional vectors in the reduced primitive basis). */
  private static List<int[][]> conventionalBases(String system, List<SymOp> ops, double[][] lat, double tol) {
    List<int[][]> out = new ArrayList<>();
    switch (system) {
      case "triclinic" -> out.add(Mat.transpose(niggli(lat, tol * tol))); // spglib: niggli_reduce(cell, symprec²)
      case "monoclinic" -> {
        int[][] two = null;
        for (SymOp op : ops) if (order(Mat.proper(op.rot)) == 2) two = Mat.proper(op.rot);
        int[] b = axis(two);
        List<int[]> perp = perpendicular(two, lat);
        int[][] net = net(perp);
        if (net == null) break;
        int[] u1 = net[0], u2 = net[1];
        for (int i1 = -1; i1 <= 1; i1++)
          for (int j1 = -1; j1 <= 1; j1++)
            for (int i2 = -1; i2 <= 1; i2++)
              for (int j2 = -1; j2 <= 1; j2++) {
                if (Math.abs(i1 * j2 - j1 * i2) != 1) continue;
                int[] a = combo(u1, i1, u2, j1), c = combo(u1, i2, u2, j2);
                int[][] p = Mat.columns(a, b, c);
                if (Mat.det(p) < 0) p = Mat.columns(a, Mat.neg(b), c);
                out.add(p);
              }
        // monoclinic convention: β ≥ 90°, then the shortest a + c, then the shortest a
        out.sort(Comparator.comparingDouble((int[][] p) -> monoclinicScore(p, lat)));
      }
      case "orthorhombic" -> {
        List<int[]> axes = axes(ops, 2);
        if (axes.size() != 3) break;
        int[][] perms = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {1, 0, 2}, {0, 2, 1}, {2, 1, 0}};
        for (int[] pm : perms) {
          int[][] p = Mat.columns(axes.get(pm[0]), axes.get(pm[1]), axes.get(pm[2]));
          if (Mat.det(p) < 0) p = Mat.columns(axes.get(pm[0]), axes.get(pm[1]), Mat.neg(axes.get(pm[2])));
          out.add(p);
        }
      }
      case "tetragonal" -> {
        int[][] four = null;
        for (SymOp op : ops) if (order(Mat.proper(op.rot)) == 4) four = Mat.proper(op.rot);
        int[] c = axis(four);
        List<int[]> perp = perpendicular(four, lat);
        if (perp.isEmpty()) break;
        int[] a = perp.get(0);
        int[] b = Mat.mul(four, a);
        int[][] p = Mat.columns(a, b, c);
        if (Mat.det(p) < 0) p = Mat.columns(a, Mat.neg(b), c);
        out.add(p);
      }
      case "trigonal", "hexagonal" -> {
        int[][] three = null;
        for (SymOp op : ops) {
          int[][] r = Mat.proper(op.rot);
          if (order(r) == 3) three = r;
          else if (order(r) == 6 && three == null) three = Mat.mul(r, r);
        }
        int[] c = axis(three);
        List<int[]> perp = perpendicular(three, lat);
        if (perp.isEmpty()) break;
        int[] a = perp.get(0);
        int[] b = Mat.mul(three, a);
        int[][] p = Mat.columns(a, b, c);
        if (Mat.det(p) < 0) p = Mat.columns(a, Mat.mul(three, b), c);
        if (Mat.det(p) == 3) {
          double[] obverse = Mat.mul(p, new double[] {2.0 / 3, 1.0 / 3, 1.0 / 3});
          boolean integral = true;
          for (double x : obverse) integral &= Math.abs(x - Math.round(x)) < 1e-6;
          if (!integral) p = Mat.columns(Mat.neg(Mat.column(p, 0)), Mat.neg(Mat.column(p, 1)), Mat.column(p, 2));
        }
        out.add(p);
      }
      case "cubic" -> {
        List<int[]> axes = axes(ops, 4);
        if (axes.size() != 3) axes = axes(ops, 2);
        if (axes.size() != 3) break;
        int[][] p = Mat.columns(axes.get(0), axes.get(1), axes.get(2));
        if (Mat.det(p) < 0) p = Mat.columns(axes.get(0), axes.get(1), Mat.neg(axes.get(2)));
        out.add(p);
      }
      default -> {}
    }
    return out;
  }

  private static double monoclinicScore(int[][] p, double[][] lat) {
    double[] a = Mat.cart(lat, toD(Mat.column(p, 0))), c = Mat.cart(lat, toD(Mat.column(p, 2)));
    double la = Mat.norm(a), lc = Mat.norm(c);
    double cosb = Mat.dot(a, c) / (la * lc);
    double score = la + lc + 1e-3 * la;
    if (cosb > 1e-9) score += 1e6;
    return score;
  }

  /** Distinct axes (up to sign) of the operations whose proper part has the given order. */
  private static List<int[]> axes(List<SymOp> ops, int ord) {
    List<int[]> out = new ArrayList<>();
    for (SymOp op : ops) {
      int[][] r = Mat.proper(op.rot);
      if (order(r) != ord) continue;
      int[] ax = axis(r);
      boolean dup = false;
      for (int[] o : out) dup |= Arrays.equals(o, ax) || Arrays.equals(o, Mat.neg(ax));
      if (!dup) out.add(ax);
    }
    return out;
  }

  /** Lattice vectors (|n_i| ≤ 3) perpendicular to the axis of r, shortest first. */
  private static List<int[]> perpendicular(int[][] r, double[][] lat) {
    List<int[][]> cyc = new ArrayList<>();
    int[][] pw = r;
    cyc.add(pw);
    while (!Mat.isIdentity(pw)) {
      pw = Mat.mul(pw, r);
      cyc.add(pw);
    }
    List<int[]> out = new ArrayList<>();
    for (int i = -3; i <= 3; i++)
      for (int j = -3; j <= 3; j++)
        for (int k = -3; k <= 3; k++) {
          if (i == 0 && j == 0 && k == 0) continue;
          int[] m = {i, j, k};
          int[] s = new int[3];
          for (int[][] c : cyc) {
            int[] cm = Mat.mul(c, m);
            for (int t = 0; t < 3; t++) s[t] += cm[t];
          }
          if (s[0] == 0 && s[1] == 0 && s[2] == 0) out.add(m);
        }
    out.sort(Comparator.comparingDouble((int[] m) -> Mat.norm(Mat.cart(lat, toD(m)))).thenComparing(m -> -m[0] * 9 - m[1] * 3 - m[2]));
    return out;
  }

  /** A basis of the 2-D net spanned by the perpendicular vectors (shortest first). */
  private static int[][] net(List<int[]> perp) {
    for (int i = 0; i < perp.size(); i++)
      for (int j = i + 1; j < perp.size(); j++) {
        int[] c = Mat.cross(perp.get(i), perp.get(j));
        if (c[0] == 0 && c[1] == 0 && c[2] == 0) continue;
        if (Mat.gcd(Mat.gcd(c[0], c[1]), c[2]) == 1) return new int[][] {perp.get(i), perp.get(j)};
      }
    return null;
  }

  /** The primitive integer vector along the axis of a proper rotation r ≠ 1. */
  private static int[] axis(int[][] r) {
    int[][] m = new int[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[i][j] = r[i][j] - (i == j ? 1 : 0);
    int[] best = null;
    for (int i = 0; i < 3 && best == null; i++)
      for (int j = i + 1; j < 3 && best == null; j++) {
        int[] c = Mat.cross(m[i], m[j]);
        if (c[0] != 0 || c[1] != 0 || c[2] != 0) best = c;
      }
    int g = Mat.gcd(Mat.gcd(best[0], best[1]), best[2]);
    for (int i = 0; i < 3; i++) best[i] /= g;
    for (int i = 0; i < 3; i++) {
      if (best[i] > 0) break;
      if (best[i] < 0) {
        best = Mat.neg(best);
        break;
      }
    }
    return best;
  }

  private static int order(int[][] r) {
    int[][] p = r;
    for (int k = 1; k <= 6; k++) {
      if (Mat.isIdentity(p)) return k;
      p = Mat.mul(p, r);
    }
    return -1;
  }

  private static int[] combo(int[] u, int i, int[] v, int j) {
    return new int[] {u[0] * i + v[0] * j, u[1] * i + v[1] * j, u[2] * i + v[2] * j};
  }

  private static double[] toD(int[] v) {
    return new double[] {v[0], v[1], v[2]};
  }

  // ---------------------------------------------------------------------------------------------
  // Operations

  /** Lattice rotations: integer matrices with entries in {-1,0,1} that keep the metric. */
  private static List<int[][]> latticePointGroup(double[][] lat, double tol) {
    double[] len = new double[3];
    for (int i = 0; i < 3; i++) len[i] = Mat.norm(lat[i]);
    List<List<int[]>> cand = new ArrayList<>();
    List<List<double[]>> candCart = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      cand.add(new ArrayList<>());
      candCart.add(new ArrayList<>());
    }
    for (int a = -1; a <= 1; a++)
      for (int b = -1; b <= 1; b++)
        for (int c = -1; c <= 1; c++) {
          if (a == 0 && b == 0 && c == 0) continue;
          double[] v = Mat.cart(lat, new double[] {a, b, c});
          double l = Mat.norm(v);
          for (int i = 0; i < 3; i++)
            if (Math.abs(l - len[i]) < tol) {
              cand.get(i).add(new int[] {a, b, c});
              candCart.get(i).add(v);
            }
        }
    List<int[][]> out = new ArrayList<>();
    for (int i = 0; i < cand.get(0).size(); i++)
      for (int j = 0; j < cand.get(1).size(); j++) {
        if (!angleOk(candCart.get(0).get(i), candCart.get(1).get(j), lat[0], lat[1], tol)) continue;
        for (int k = 0; k < cand.get(2).size(); k++) {
          double[] vk = candCart.get(2).get(k);
          if (!angleOk(candCart.get(1).get(j), vk, lat[1], lat[2], tol)) continue;
          if (!angleOk(candCart.get(0).get(i), vk, lat[0], lat[2], tol)) continue;
          int[][] w = Mat.columns(cand.get(0).get(i), cand.get(1).get(j), cand.get(2).get(k));
          int d = Mat.det(w);
          if (d == 1 || d == -1) out.add(w);
        }
      }
    // identity first, so that the first operation found is always the identity
    out.sort(Comparator.comparingInt((int[][] w) -> Mat.isIdentity(w) ? 0 : 1));
    return out;
  }

  /** spglib's angle test: the angle between the images differs by less than tol over their length. */
  private static boolean angleOk(double[] u, double[] v, double[] u0, double[] v0, double tol) {
    double c1 = Mat.dot(u, v) / (Mat.norm(u) * Mat.norm(v));
    double c0 = Mat.dot(u0, v0) / (Mat.norm(u0) * Mat.norm(v0));
    double s1 = Math.sqrt(Math.max(0, 1 - c1 * c1)), s0 = Math.sqrt(Math.max(0, 1 - c0 * c0));
    double sinDiff = Math.abs(s1 * c0 - c1 * s0);
    double avg = Math.sqrt((Mat.norm(u0) + Mat.norm(u)) * (Mat.norm(v0) + Mat.norm(v)) / 4);
    return sinDiff * avg < tol;
  }

  /**
   * Whether x ↦ w x + t (w null: identity) maps every atom onto an atom of the same species within
   * tol: spglib's overlap test, each fractional difference wrapped per component, then its length.
   */
  private static boolean mapsOnto(double[][] lat, double[][] x, String[] sp, int[][] w, double[] t, double tol) {
    int n = x.length;
    for (int i = 0; i < n; i++) {
      double[] yt = Mat.add(w == null ? x[i] : Mat.mul(w, x[i]), t);
      boolean found = false;
      for (int j = 0; j < n && !found; j++)
        found = sp[i].equals(sp[j]) && norm(lat, Mat.wrapCentered(Mat.sub(x[j], yt))) < tol;
      if (!found) return false;
    }
    return true;
  }

  /** The largest distance (Å) from an atom's image under (w, t) to the nearest atom of its species. */
  private static double residual(double[][] lat, double[][] x, String[] sp, int[][] w, double[] t) {
    double worst = 0;
    for (int i = 0; i < x.length; i++) {
      double[] yt = Mat.add(Mat.mul(w, x[i]), t);
      double best = Double.MAX_VALUE;
      for (int j = 0; j < x.length; j++)
        if (sp[i].equals(sp[j])) best = Math.min(best, norm(lat, Mat.wrapCentered(Mat.sub(x[j], yt))));
      worst = Math.max(worst, best);
    }
    return worst;
  }

  /**
   * spglib's search_pure_translations: once t is a pure translation, the atoms reached from each
   * atom found so far by repeated steps of t (each step within tol of an atom) are found too, their
   * translations taken without a check of their own. With noise near tol, 2t can miss the full
   * check that t passed; spglib keeps it, and so the supercell's whole translation group.
   */
  private static void chain(double[][] lat, double[][] x, String[] sp, double[] t, boolean[] found, double tol) {
    boolean[] start = found.clone();
    int n = x.length;
    for (int first = 0; first < n; first++) {
      if (!start[first]) continue;
      int at = first;
      for (int step = 0; step < n; step++) {
        double[] v = Mat.add(x[at], t);
        int next = -1;
        for (int j = 0; j < n && next < 0; j++)
          if (sp[j].equals(sp[at]) && norm(lat, Mat.wrapCentered(Mat.sub(x[j], v))) < tol) next = j;
        if (next < 0) break;
        found[next] = true;
        at = next;
        if (at == first) break;
      }
    }
  }

  /** The group generated by the rotations (identity included), or null above maxSize elements. */
  private static List<int[][]> closure(List<int[][]> gens, int maxSize) {
    List<int[][]> g = new ArrayList<>();
    g.add(new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
    for (int i = 0; i < g.size(); i++) {
      for (int[][] s : gens) {
        int[][] p = Mat.mul(g.get(i), s);
        boolean in = false;
        for (int[][] h : g) in |= Mat.equal(h, p);
        if (!in) {
          g.add(p);
          if (g.size() > maxSize) return null;
        }
      }
    }
    return g;
  }

  /**
   * The atom whose images give the candidate translations: the first atom of the species with the
   * fewest atoms, as spglib takes it. spglib takes the first such atom in its input order, and the
   * reference sentences come through pymatgen's CIF reader, which lists the species by increasing
   * Pauling electronegativity (unknown last, ties by symbol); among equally rare species that
   * order decides, and with noise near symprec the choice decides the group (a cubic perovskite
   * is Pm-3m seen from one cation and P4mm from the other).
   */
  private static int rarestSpecies(String[] sp) {
    Map<String, Integer> counts = new HashMap<>();
    for (String s : sp) counts.merge(s, 1, Integer::sum);
    int best = 0;
    for (int i = 1; i < sp.length; i++) {
      int c = Integer.compare(counts.get(sp[i]), counts.get(sp[best]));
      if (c < 0 || (c == 0 && READER_ORDER.compare(sp[i], sp[best]) < 0)) best = i;
    }
    return best;
  }

  /** pymatgen's species order: increasing Pauling electronegativity, unknown last, then symbol. */
  private static final Comparator<String> READER_ORDER = Comparator
      .comparingDouble((String el) -> Elements.bySymbol(el)
          .map(e -> e.electronegativity().orElse(Double.POSITIVE_INFINITY))
          .orElse(Double.POSITIVE_INFINITY))
      .thenComparing(Comparator.naturalOrder());

  /**
   * A basis (rows, in units of 1/order) of the lattice generated by the unit vectors and the pure
   * translations: integer row reduction (Hermite form) of order·{e_i, t_j}.
   */
  private static int[][] translationLattice(List<double[]> trans, int order) {
    List<long[]> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      long[] e = new long[3];
      e[i] = order;
      rows.add(e);
    }
    for (double[] t : trans) rows.add(new long[] {Math.round(t[0] * order), Math.round(t[1] * order), Math.round(t[2] * order)});
    int[][] basis = new int[3][];
    for (int col = 0; col < 3; col++) {
      while (true) {
        int piv = -1;
        for (int i = 0; i < rows.size(); i++)
          if (rows.get(i)[col] != 0 && (piv < 0 || Math.abs(rows.get(i)[col]) < Math.abs(rows.get(piv)[col]))) piv = i;
        boolean done = true;
        for (int i = 0; i < rows.size(); i++) {
          if (i == piv || rows.get(i)[col] == 0) continue;
          long f = rows.get(i)[col] / rows.get(piv)[col];
          for (int c = 0; c < 3; c++) rows.get(i)[c] -= f * rows.get(piv)[c];
          if (rows.get(i)[col] != 0) done = false;
        }
        if (done) {
          long[] r = rows.remove(piv);
          basis[col] = new int[] {(int) r[0], (int) r[1], (int) r[2]};
          break;
        }
      }
    }
    return basis;
  }

  // ---------------------------------------------------------------------------------------------
  // Reductions

  /**
   * Delaunay (Selling) reduction. Returns T with rows = the reduced vectors in terms of the input
   * ones (reduced lattice = T · lattice), right-handed. Only dot products above eps (Å²) count as
   * acute: spglib uses its symprec there, so that axes a few 1e-3 Å² from orthogonal keep their
   * signs and the reduced basis (in which spglib reads its axes) is the one spglib gets.
   */
  static int[][] delaunay(double[][] lat, double eps) {
    double[][] b = new double[4][];
    int[][] t = new int[4][3];
    for (int i = 0; i < 3; i++) {
      b[i] = lat[i].clone();
      t[i][i] = 1;
    }
    b[3] = Mat.scale(Mat.add(Mat.add(lat[0], lat[1]), lat[2]), -1);
    t[3] = new int[] {-1, -1, -1};
    for (int iter = 0; iter < 1000; iter++) {
      boolean changed = false;
      outer:
      for (int i = 0; i < 4; i++)
        for (int j = i + 1; j < 4; j++)
          if (Mat.dot(b[i], b[j]) > eps) {
            for (int k = 0; k < 4; k++)
              if (k != i && k != j) {
                b[k] = Mat.add(b[k], b[i]);
                for (int c = 0; c < 3; c++) t[k][c] += t[i][c];
              }
            b[i] = Mat.scale(b[i], -1);
            for (int c = 0; c < 3; c++) t[i][c] = -t[i][c];
            changed = true;
            break outer;
          }
      if (!changed) break;
    }
    // the seven candidates: b1..b4, b1+b2, b2+b3, b3+b1; pick the three shortest independent
    List<double[]> vs = new ArrayList<>();
    List<int[]> ts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      vs.add(b[i]);
      ts.add(t[i]);
    }
    int[][] pairs = {{0, 1}, {1, 2}, {2, 0}};
    for (int[] p : pairs) {
      vs.add(Mat.add(b[p[0]], b[p[1]]));
      ts.add(new int[] {t[p[0]][0] + t[p[1]][0], t[p[0]][1] + t[p[1]][1], t[p[0]][2] + t[p[1]][2]});
    }
    // spglib's bubble sort by length; lengths equal within 1e-9 keep their order, so that a
    // rotated copy of the cell (lengths equal up to rounding) is reduced the same way
    Integer[] idx = {0, 1, 2, 3, 4, 5, 6};
    for (int i = 0; i < 6; i++)
      for (int j = 0; j < 6; j++)
        if (Mat.norm(vs.get(idx[j])) > Mat.norm(vs.get(idx[j + 1])) * (1 + 1e-9)) {
          Integer swap = idx[j];
          idx[j] = idx[j + 1];
          idx[j + 1] = swap;
        }
    double vol = Math.abs(Mat.det(lat));
    for (int i = 0; i < 7; i++)
      for (int j = i + 1; j < 7; j++)
        for (int k = j + 1; k < 7; k++) {
          int[][] m = {ts.get(idx[i]), ts.get(idx[j]), ts.get(idx[k])};
          int d = Mat.det(m);
          if (Math.abs(d) == 1) {
            if (d < 0) m = new int[][] {Mat.neg(m[0]), Mat.neg(m[1]), Mat.neg(m[2])};
            return m;
          }
        }
    return new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  }

  /**
   * Niggli reduction (Křivý & Gruber 1976) with tolerance eps on the metric (Å²; spglib uses
   * symprec²). Returns T with rows = the reduced vectors in terms of the input ones.
   */
  static int[][] niggli(double[][] lat, double eps) {
    double[][] v = {lat[0].clone(), lat[1].clone(), lat[2].clone()};
    int[][] t = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int iter = 0; iter < 1000; iter++) {
      double A = Mat.dot(v[0], v[0]), B = Mat.dot(v[1], v[1]), C = Mat.dot(v[2], v[2]);
      double xi = 2 * Mat.dot(v[1], v[2]), eta = 2 * Mat.dot(v[0], v[2]), zeta = 2 * Mat.dot(v[0], v[1]);
      // A1
      if (A > B + eps || (Math.abs(A - B) <= eps && Math.abs(xi) > Math.abs(eta) + eps)) {
        apply(v, t, new int[][] {{0, -1, 0}, {-1, 0, 0}, {0, 0, -1}});
        continue;
      }
      // A2
      if (B > C + eps || (Math.abs(B - C) <= eps && Math.abs(eta) > Math.abs(zeta) + eps)) {
        apply(v, t, new int[][] {{-1, 0, 0}, {0, 0, -1}, {0, -1, 0}});
        continue;
      }
      int sx = sgn(xi, eps), se = sgn(eta, eps), sz = sgn(zeta, eps);
      // A3 / A4
      if (sx * se * sz > 0) {
        if (sx < 0 || se < 0 || sz < 0) {
          apply(v, t, new int[][] {{sx, 0, 0}, {0, se, 0}, {0, 0, sz}});
          continue;
        }
      } else {
        int i = sx > 0 ? -1 : 1, j = se > 0 ? -1 : 1, k = sz > 0 ? -1 : 1;
        if (i * j * k < 0) {
          if (sx == 0) i = -1;
          else if (se == 0) j = -1;
          else if (sz == 0) k = -1;
        }
        if (i * j * k > 0 && (i != 1 || j != 1 || k != 1)) {
          apply(v, t, new int[][] {{i, 0, 0}, {0, j, 0}, {0, 0, k}});
          continue;
        }
      }
      // A5
      if (Math.abs(xi) > B + eps || (Math.abs(xi - B) <= eps && 2 * eta < zeta - eps) || (Math.abs(xi + B) <= eps && zeta < -eps)) {
        int s = xi > 0 ? 1 : -1;
        apply(v, t, new int[][] {{1, 0, 0}, {0, 1, 0}, {0, -s, 1}});
        continue;
      }
      // A6
      if (Math.abs(eta) > A + eps || (Math.abs(eta - A) <= eps && 2 * xi < zeta - eps) || (Math.abs(eta + A) <= eps && zeta < -eps)) {
        int s = eta > 0 ? 1 : -1;
        apply(v, t, new int[][] {{1, 0, 0}, {0, 1, 0}, {-s, 0, 1}});
        continue;
      }
      // A7
      if (Math.abs(zeta) > A + eps || (Math.abs(zeta - A) <= eps && 2 * xi < eta - eps) || (Math.abs(zeta + A) <= eps && eta < -eps)) {
        int s = zeta > 0 ? 1 : -1;
        apply(v, t, new int[][] {{1, 0, 0}, {-s, 1, 0}, {0, 0, 1}});
        continue;
      }
      // A8
      double sum = xi + eta + zeta + A + B;
      if (sum < -eps || (Math.abs(sum) <= eps && 2 * (A + eta) + zeta > eps)) {
        apply(v, t, new int[][] {{1, 0, 0}, {0, 1, 0}, {1, 1, 1}});
        continue;
      }
      break;
    }
    return t;
  }

  private static int sgn(double x, double eps) {
    return x > eps ? 1 : x < -eps ? -1 : 0;
  }

  /** v ← m · v and t ← m · t (rows of m: new vectors in terms of the current ones). */
  private static void apply(double[][] v, int[][] t, int[][] m) {
    double[][] nv = new double[3][3];
    int[][] nt = new int[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++)
        for (int c = 0; c < 3; c++) {
          nv[i][c] += m[i][j] * v[j][c];
          nt[i][c] += m[i][j] * t[j][c];
        }
    for (int i = 0; i < 3; i++) {
      v[i] = nv[i];
      t[i] = nt[i];
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Geometry

  /** x (row vector) times m. */
  private static double[] rowTimes(double[] x, double[][] m) {
    double[] r = new double[3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[j] += x[i] * m[i][j];
    return r;
  }

  /**
   * spglib's overlap table (primitive.c, get_overlap_table): for each atom, the first atom of its
   * species within the trim tolerance in the primitive cell, where every atom must have exactly
   * {@code ratio} such partners; the tolerance starts at tol and is doubled while an atom has too
   * few, cut by 0.95 while one has too many (100 tries). Null when no tolerance works or the sets
   * found are not all of size ratio.
   */
  static int[] overlapTable(double[][] lat, double[][] y, String[] sp, int ratio, double tol) {
    int n = y.length;
    int[] first = new int[n];
    double t = tol;
    attempts:
    for (int attempt = 0; attempt < 100; attempt++) {
      for (int i = 0; i < n; i++) {
        first[i] = -1;
        int count = 0;
        for (int j = 0; j < n; j++)
          if (sp[i].equals(sp[j]) && dist(lat, y[i], y[j]) < t) {
            count++;
            if (first[i] < 0) first[i] = j;
          }
        if (count != ratio) {
          t *= count < ratio ? 2.0 : 0.95;
          continue attempts;
        }
      }
      int[] size = new int[n];
      for (int i = 0; i < n; i++) {
        if (first[first[i]] != first[i]) return null;
        size[first[i]]++;
      }
      for (int i = 0; i < n; i++) if (first[i] == i && size[i] != ratio) return null;
      return first;
    }
    return null;
  }

  private static double dist(double[][] lat, double[] a, double[] b) {
    return norm(lat, Mat.wrapCentered(Mat.sub(a, b)));
  }

  private static double norm(double[][] lat, double[] frac) {
    return Mat.norm(Mat.cart(lat, frac));
  }

  /** a, b, c, α, β, γ from a metric tensor. */
  static double[] parameters(double[][] g) {
    double a = Math.sqrt(g[0][0]), b = Math.sqrt(g[1][1]), c = Math.sqrt(g[2][2]);
    return new double[] {
      a, b, c,
      Math.toDegrees(Math.acos(g[1][2] / (b * c))),
      Math.toDegrees(Math.acos(g[0][2] / (a * c))),
      Math.toDegrees(Math.acos(g[0][1] / (a * b)))
    };
  }

  private static String fmt(double x) {
    return String.format("%.4g", x);
  }
}
