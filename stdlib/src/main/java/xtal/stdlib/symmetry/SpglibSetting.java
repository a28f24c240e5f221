package xtal.stdlib.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which of the equally standard descriptions spglib writes, as a sort key over the settings the
 * finder matched ({@link SymmetryFinder.Choice#SPGLIB}).
 *
 * <p>Primitive monoclinic and orthorhombic lattices, A-centred orthorhombic ones, and on noisy
 * inputs all monoclinic and orthorhombic ones ({@code SymmetryFinder.EXACT}), get spglib's own
 * basis, found by its own steps among the bases that match ({@link #monoclinicBasis}, {@link #orthorhombicBasis}: axes
 * from its axis table {@link #AXES} in the reduced basis, its 2D Delaunay reduction and 36 cell
 * changes, or its six axis changes with the input's axes tried first and its per-group length
 * order). Elsewhere spglib's axis frame is read in the input's own basis ({@link #frame}) and
 * the first of its trial axis changes that matches is kept (orthorhombic and monoclinic; other
 * systems: the setting nearest the input axes); orthorhombic lengths come in the order spglib
 * asks. The origin: where the basis is spglib's or cannot move the origin (primitive triclinic,
 * monoclinic, orthorhombic, tetragonal and cubic lattices, C-centred monoclinic and centred
 * orthorhombic ones) the one spglib's Hall-symbol arithmetic gives ({@link #spglibOrigin},
 * {@link HallOrigin}); elsewhere the shift nearest the input origin in each coordinate of the
 * standard primitive cell, measured from origin choice 1 where ITA has two (spglib's default
 * database setting). The key orders settings that way: length order, own basis or trial index,
 * then (where the setting is no trial) closeness to the input axes, then the distance from
 * spglib's origin, then the largest and the total shift component (docs/BENCHMARKS.md gives the
 * agreement with the reference per lattice class).
 */
final class SpglibSetting {

  private SpglibSetting() {}

  /**
   * Lattice classes where {@link #spglibOrigin} decides among the origins: measured against the
   * shared reference (docs/BENCHMARKS.md, 2026-12-01, Hall-symbol arithmetic), spglib's arithmetic
   * wins wherever the basis is spglib's or the lattice leaves no choice of it that moves the
   * origin; for tetragonal I, trigonal, hexagonal, rhombohedral and cubic F/I lattices our basis is
   * not always spglib's, and there the shift the arithmetic gives for our basis agreed less often
   * than the nearest-origin rule.
   */
  private static final Set<String> ARITHMETIC = Set.of("triclinic P", "monoclinic P", "monoclinic C",
      "orthorhombic P", "orthorhombic C", "orthorhombic A", "orthorhombic I", "orthorhombic F", "tetragonal P",
      "cubic P");

  /**
   * Candidate rotation-axis directions in the order spglib looks them up (its point-group axis
   * table, the entries with components in {-2..2}): an axis is named by the first entry it fixes,
   * and the conventional axes of an orthorhombic lattice are those entries sorted by position.
   */
  private static final int[][] AXES = {
    {1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 0}, {0, 1, -1}, {-1, 0, 1}, {1, -1, 0},
    {1, 1, 1}, {-1, 1, 1}, {1, -1, 1}, {1, 1, -1}, {0, 1, 2}, {2, 0, 1}, {1, 2, 0}, {0, 2, 1}, {1, 0, 2},
    {2, 1, 0}, {0, -1, 2}, {2, 0, -1}, {-1, 2, 0}, {0, -2, 1}, {1, 0, -2}, {-2, 1, 0}, {2, 1, 1}, {1, 2, 1},
    {1, 1, 2}, {2, -1, -1}, {-1, 2, -1}, {-1, -1, 2}, {2, 1, -1}, {-1, 2, 1}, {1, -1, 2}, {2, -1, 1},
    {1, 2, -1}, {-1, 1, 2},
  };

  /**
   * spglib's starting frame for an orthorhombic lattice (columns: conventional vectors in the
   * reduced primitive basis), or null when an axis is outside {@link #AXES}: the three 2-fold axes
   * in table order, the last two swapped if left-handed, A and B centring turned to C by a cyclic
   * change of axes.
   */
  static int[][] frame(String system, List<int[][]> rotationsR, double[][] latR, double[][] input) {
    // spglib works in the input's own basis when the input cell is primitive: latR = U · input
    double[][] ud = Mat.mul(latR, Mat.inverse(input));
    int[][] u = new int[3][3];
    boolean integral = true;
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        u[i][j] = (int) Math.rint(ud[i][j]);
        integral &= Math.abs(ud[i][j] - u[i][j]) < 1e-6;
      }
    if (!integral || Math.abs(Mat.det(u)) != 1) return supercellFrame(latR, input);
    int[][] ut = Mat.transpose(u), uti = Mat.transpose(Mat.roundExact(Mat.inverse(Mat.toDouble(u))));
    List<int[][]> rotations = new ArrayList<>();
    for (int[][] w : rotationsR) rotations.add(Mat.mul(Mat.mul(ut, w), uti));
    int[][] f = switch (system) {
      case "orthorhombic" -> orthorhombicFrameIn(rotations);
      case "monoclinic" -> monoclinicFrameIn(rotations);
      default -> null;
    };
    return f == null ? null : Mat.mul(uti, f);
  }

  /**
   * spglib's changes of a monoclinic basis, tried in this order (new vectors in terms of the old,
   * as columns), each with the axis it makes unique: first the unique axis brought to a, b or c
   * with the other cell choices, then the same with two axes flipped (so that a non-acute angle is
   * always among them).
   */
  private static final int[][][] MONOCLINIC_CHANGES = {
    {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{0, 0, 1}, {0, -1, 0}, {1, 0, 0}}, {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
    {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}}, {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}}, {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},
    {{-1, 0, 1}, {0, 1, 0}, {-1, 0, 0}}, {{1, 0, -1}, {0, -1, 0}, {0, 0, -1}}, {{0, 1, -1}, {1, 0, 0}, {0, 0, -1}},
    {{-1, -1, 0}, {0, 0, 1}, {-1, 0, 0}}, {{1, -1, 0}, {0, 0, 1}, {0, -1, 0}}, {{0, 1, 1}, {1, 0, 0}, {0, 1, 0}},
    {{0, 0, -1}, {0, 1, 0}, {1, 0, -1}}, {{-1, 0, 0}, {0, -1, 0}, {-1, 0, 1}}, {{0, -1, 0}, {1, 0, 0}, {0, -1, 1}},
    {{0, 1, 0}, {0, 0, 1}, {1, 1, 0}}, {{-1, 0, 0}, {0, 0, 1}, {-1, 1, 0}}, {{0, 0, -1}, {1, 0, 0}, {0, -1, -1}},
    {{1, 0, 0}, {0, -1, 0}, {0, 0, -1}}, {{0, 0, -1}, {0, 1, 0}, {1, 0, 0}}, {{0, 0, 1}, {-1, 0, 0}, {0, -1, 0}},
    {{-1, 0, 0}, {0, 0, -1}, {0, -1, 0}}, {{0, 1, 0}, {0, 0, -1}, {-1, 0, 0}}, {{0, 1, 0}, {-1, 0, 0}, {0, 0, 1}},
    {{-1, 0, -1}, {0, -1, 0}, {-1, 0, 0}}, {{1, 0, 1}, {0, 1, 0}, {0, 0, 1}}, {{0, -1, -1}, {-1, 0, 0}, {0, 0, -1}},
    {{1, -1, 0}, {0, 0, -1}, {1, 0, 0}}, {{-1, -1, 0}, {0, 0, -1}, {0, -1, 0}}, {{0, -1, 1}, {-1, 0, 0}, {0, -1, 0}},
    {{0, 0, 1}, {0, -1, 0}, {1, 0, 1}}, {{-1, 0, 0}, {0, 1, 0}, {-1, 0, -1}}, {{0, 1, 0}, {-1, 0, 0}, {0, 1, 1}},
    {{0, 1, 0}, {0, 0, -1}, {-1, 1, 0}}, {{1, 0, 0}, {0, 0, -1}, {1, 1, 0}}, {{0, 0, -1}, {-1, 0, 0}, {0, 1, -1}},
  };

  private static final int[] MONOCLINIC_UNIQUE = {
    1, 1, 0, 2, 2, 0, 1, 1, 0, 2, 2, 0, 1, 1, 0, 2, 2, 0, 1, 1, 0, 2, 2, 0, 1, 1, 0, 2, 2, 0, 1, 1, 0, 2, 2, 0};

  /** Groups where spglib also asks |a| ≤ |c| (Parthé and Gelato's choice where the cell allows it). */
  private static final Set<Integer> MONOCLINIC_LENGTH_ORDER = Set.of(3, 4, 6, 10, 11);

  /**
   * spglib's conventional basis of a primitive monoclinic lattice (vectors as rows, Cartesian),
   * or null when its steps fail: b along the 2-fold axis and a, c the shortest axis-table vectors
   * perpendicular to it in the reduced basis; a, c Delaunay-reduced in their plane (b reversed if
   * that leaves the basis left-handed); then the first of its 36 basis changes, in order, that the
   * structure's operations match with a non-acute angle (|a| ≤ |c| for some groups) and the
   * shortest |a| + |c|, preferring one that is the input's axes up to signs.
   *
   * @param matches whether the structure matches the standard setting in a basis (vectors as rows)
   */
  static double[][] monoclinicBasis(List<int[][]> rotationsR, double[][] latR, double[][] input, int group,
      double symprec, Predicate<double[][]> matches) {
    int[][] two = firstTwoFold(rotationsR);
    if (two == null) return null;
    int[] b = null, a = null, c = null;
    int na = Integer.MAX_VALUE, nc = Integer.MAX_VALUE;
    for (int[] v : AXES) if (b == null && Arrays.equals(Mat.mul(two, v), v)) b = v;
    for (int[] v : AXES)
      if (Arrays.equals(Mat.mul(two, v), Mat.neg(v)) && norm2(v) < na) {
        na = norm2(v);
        a = v;
      }
    for (int[] v : AXES)
      if (v != a && Arrays.equals(Mat.mul(two, v), Mat.neg(v)) && norm2(v) < nc) {
        nc = norm2(v);
        c = v;
      }
    if (a == null || b == null || c == null) return null;
    double[][] conv = {cartesian(a, latR), cartesian(b, latR), cartesian(c, latR)};
    conv = delaunay2D(conv, 1, symprec);
    if (conv == null) return null;
    // a centred frame is turned to C first, as spglib's get_centering does, then the changes
    conv = centredToC(conv, latR);
    List<double[][]> found = new ArrayList<>();
    List<Double> sums = new ArrayList<>();
    List<Boolean> similar = new ArrayList<>();
    double bestSum = Double.MAX_VALUE;
    for (int i = 0; i < MONOCLINIC_CHANGES.length; i++) {
      double[][] ci = change(conv, MONOCLINIC_CHANGES[i]);
      int ua = MONOCLINIC_UNIQUE[i];
      double[] v0 = ci[ua == 0 ? 1 : 0], v1 = ci[ua == 2 ? 1 : 2];
      if (Mat.dot(v0, v1) > 1e-10) continue; // acute
      if (MONOCLINIC_LENGTH_ORDER.contains(group) && Mat.dot(v0, v0) > Mat.dot(v1, v1) + 1e-10) continue;
      double sum = Mat.norm(v0) + Mat.norm(v1);
      boolean same = false;
      double[][] flip = flips(ci, input, symprec);
      if (flip != null && flip[(ua + 1) % 3][(ua + 1) % 3] * flip[(ua + 2) % 3][(ua + 2) % 3] > 1e-10) {
        ci = change(ci, flip);
        same = true;
      }
      if (!matches.test(ci)) continue;
      found.add(ci);
      sums.add(sum);
      similar.add(same);
      bestSum = Math.min(bestSum, sum);
    }
    double[][] best = null;
    for (int i = 0; i < found.size(); i++)
      if (Math.abs(sums.get(i) - bestSum) < symprec) {
        if (similar.get(i)) return found.get(i);
        if (best == null) best = found.get(i);
      }
    return best;
  }

  /** spglib's corrections of a centred monoclinic frame to C (get_centering): A → (c, −b, a), I → (a + c, b, −a). */
  private static final int[][] MONOCLINIC_A2C = {{0, 0, 1}, {0, -1, 0}, {1, 0, 0}};
  private static final int[][] MONOCLINIC_I2C = {{1, 0, -1}, {0, 1, 0}, {1, 0, 0}};

  /** conv (rows, Cartesian) turned to a C-centred cell where it is A- or I-centred in the lattice latR. */
  private static double[][] centredToC(double[][] conv, double[][] latR) {
    // the frame's vectors in the reduced basis, as columns; the lattice's basis vectors in the frame
    double[][] f = Mat.transpose(Mat.mul(conv, Mat.inverse(latR)));
    double[][] finv = Mat.inverse(f);
    boolean a = false, i = false;
    for (int k = 0; k < 3; k++) {
      double[] e = {finv[0][k], finv[1][k], finv[2][k]};
      boolean hx = half(e[0]), hy = half(e[1]), hz = half(e[2]);
      if (!hx && hy && hz && whole(e[0])) a = true;
      if (hx && hy && hz) i = true;
    }
    if (a) return change(conv, MONOCLINIC_A2C);
    if (i) return change(conv, MONOCLINIC_I2C);
    return conv;
  }

  /**
   * spglib's changes of an orthorhombic basis (columns: new vectors in terms of the old), in its
   * order, with the axis each makes unique (new c, b, a): abc, bca, cab, ba-c, a-cb, -cba.
   */
  private static final int[][][] ORTHORHOMBIC_CHANGES = {
    {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}}, {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}},
    {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}}, {{1, 0, 0}, {0, 0, 1}, {0, -1, 0}}, {{0, 0, 1}, {0, 1, 0}, {-1, 0, 0}},
  };

  private static final int[] ORTHORHOMBIC_UNIQUE = {2, 1, 0, 2, 1, 0};

  /**
   * The trial axis changes as rows (the new a, b, c in terms of the frame's), the form {@link #key}
   * compares: the orthorhombic six, and spglib's first turn of monoclinic changes (the unique
   * axis brought to b from each of a, b, c, then the other cell choices, a+c as a or c).
   */
  private static final int[][][] ORTHORHOMBIC = transposes(ORTHORHOMBIC_CHANGES, 6);

  private static final int[][][] MONOCLINIC = transposes(MONOCLINIC_CHANGES, 18);

  private static int[][][] transposes(int[][][] columns, int count) {
    int[][][] rows = new int[count][][];
    for (int i = 0; i < count; i++) rows[i] = Mat.transpose(columns[i]);
    return rows;
  }

  /**
   * How many axis orders of each orthorhombic group (16–74) are standard, spglib's table (the
   * index of the group in its affine normalizer): 6 asks |a| ≤ |b| ≤ |c|, 3 asks a shortest, 2
   * orders the two axes other than the unique one, 1 asks nothing.
   */
  private static final int[] ORTHORHOMBIC_AXIS_CHOICES = {
    6, 2, 2, 6, 2, 2, 6, 6, 6, 2, 1, 2, 1, 1, 1, 1, 2, 1, 2, 2, 1, 2, 1, 1, 1, 1, 2, 2, 2, 2,
    1, 6, 6, 2, 2, 1, 1, 1, 1, 2, 2, 1, 2, 2, 1, 3, 1, 1, 1, 2, 2, 2, 2, 6, 6, 6, 2, 6, 2};

  /**
   * spglib's conventional basis of an orthorhombic lattice (vectors as rows, Cartesian), or null:
   * the three 2-fold axes in axis-table order in the reduced basis (the last two swapped if
   * left-handed, an A- or B-centred frame turned to C), then the first of its six axis changes under which the operations match and
   * the lengths are in the order the group asks; tried first as the input's own axes up to signs,
   * then as they come. For groups with two standard axis orders spglib searches twice, the second
   * time from the first result with the length order.
   */
  static double[][] orthorhombicBasis(List<int[][]> rotationsR, double[][] latR, double[][] input, int group,
      double symprec, Predicate<double[][]> matches) {
    int[][] f = orthorhombicFrameIn(rotationsR);
    if (f == null) return null;
    double[][] frame = {cartesian(Mat.column(f, 0), latR), cartesian(Mat.column(f, 1), latR), cartesian(Mat.column(f, 2), latR)};
    int choices = ORTHORHOMBIC_AXIS_CHOICES[group - 16];
    if (choices == 2) {
      double[][] first = orthorhombicSearch(frame, input, 0, symprec, matches);
      return first == null ? null : orthorhombicSearch(first, input, 2, symprec, matches);
    }
    return orthorhombicSearch(frame, input, choices, symprec, matches);
  }

  private static double[][] orthorhombicSearch(double[][] frame, double[][] input, int freeAxes, double symprec,
      Predicate<double[][]> matches) {
    for (int pass = 0; pass < 2; pass++)
      for (int i = 0; i < ORTHORHOMBIC_CHANGES.length; i++) {
        double[][] ci = change(frame, ORTHORHOMBIC_CHANGES[i]);
        if (pass == 0) {
          double[][] flip = flips(ci, input, symprec);
          if (flip == null) continue;
          ci = change(ci, flip);
        }
        double[] n = {Mat.dot(ci[0], ci[0]), Mat.dot(ci[1], ci[1]), Mat.dot(ci[2], ci[2])};
        int u = ORTHORHOMBIC_UNIQUE[i];
        if (freeAxes == 2) {
          double n0 = n[u == 0 ? 1 : 0], n1 = n[u == 2 ? 1 : 2];
          if (n0 > n1 + 1e-10) continue;
        }
        if (freeAxes == 3 && (n[0] > n[1] + 1e-10 || n[0] > n[2] + 1e-10)) continue;
        if (freeAxes == 6 && (n[0] > n[1] + 1e-10 || n[1] > n[2] + 1e-10)) continue;
        if (matches.test(ci)) return ci;
      }
    return null;
  }

  /** The proper part of the first rotation that is a 2-fold one (trace −1), or null. */
  private static int[][] firstTwoFold(List<int[][]> rotations) {
    for (int[][] r : rotations) {
      int[][] pr = Mat.proper(r);
      if (pr[0][0] + pr[1][1] + pr[2][2] == -1) return pr;
    }
    return null;
  }

  private static int norm2(int[] v) {
    return v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
  }

  /** The Cartesian vector of integer coordinates v in the basis latR (rows). */
  private static double[] cartesian(int[] v, double[][] latR) {
    double[] r = new double[3];
    for (int k = 0; k < 3; k++) for (int c = 0; c < 3; c++) r[c] += v[k] * latR[k][c];
    return r;
  }

  /** New basis vectors (rows) = old ones combined by the columns of m, as spglib's lattice · m. */
  private static double[][] change(double[][] basis, double[][] m) {
    double[][] r = new double[3][3];
    for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) for (int c = 0; c < 3; c++) r[j][c] += m[k][j] * basis[k][c];
    return r;
  }

  private static double[][] change(double[][] basis, int[][] m) {
    return change(basis, Mat.toDouble(m));
  }

  /**
   * The matrix T with basis · T = input when T is a signed permutation-free identity (each axis
   * kept or reversed) within symprec, else null: spglib's test for "the input's axes up to signs".
   */
  private static double[][] flips(double[][] basis, double[][] input, double symprec) {
    if (Math.abs(Mat.det(basis) - Mat.det(input)) > symprec) return null;
    // basis rows are vectors: input_j = Σ_k T[k][j] basis_k, i.e. T = (basis^T)^-1 input^T
    double[][] t = Mat.mul(Mat.inverse(Mat.transpose(basis)), Mat.transpose(input));
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) if (Math.abs(Math.abs(t[i][j]) - (i == j ? 1 : 0)) > symprec) return null;
    return t;
  }

  /**
   * spglib's two-dimensional Delaunay reduction of the two vectors perpendicular to the unique
   * one (basis vectors as rows): the extended set b1, b2, −b1−b2 made pairwise non-acute, then the
   * shortest of b1, b2, b3, b1+b2 and the next one independent of it; the unique vector reversed
   * if the result is left-handed.
   */
  static double[][] delaunay2D(double[][] lattice, int unique, double symprec) {
    double[] u = lattice[unique];
    double[][] e = new double[3][];
    int k = 0;
    for (int i = 0; i < 3; i++) if (i != unique) e[k++] = lattice[i].clone();
    e[2] = Mat.scale(Mat.add(e[0], e[1]), -1);
    for (int iter = 0; iter < 1000; iter++) {
      boolean changed = false;
      outer:
      for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
          if (Mat.dot(e[i], e[j]) > symprec) {
            for (int m = 0; m < 3; m++)
              if (m != i && m != j) {
                e[m] = Mat.add(e[m], Mat.scale(e[i], 2));
                break;
              }
            e[i] = Mat.scale(e[i], -1);
            changed = true;
            break outer;
          }
      if (!changed) break;
    }
    double[][] cand = {e[0], e[1], e[2], Mat.add(e[0], e[1])};
    // bubble sort by length, as spglib (stable)
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++)
        if (Mat.dot(cand[j], cand[j]) > Mat.dot(cand[j + 1], cand[j + 1]) * (1 + 1e-9)) {
          double[] t = cand[j];
          cand[j] = cand[j + 1];
          cand[j + 1] = t;
        }
    double[] first = cand[0], second = null;
    for (int i = 1; i < 4 && second == null; i++)
      if (Math.abs(Mat.det(new double[][] {first, u, cand[i]})) > symprec) second = cand[i];
    if (second == null) return null;
    double[][] r = new double[3][];
    k = 0;
    double[][] pair = {first, second};
    for (int i = 0; i < 3; i++) r[i] = i == unique ? u.clone() : pair[k++].clone();
    double vol = Mat.det(r);
    if (Math.abs(vol) < symprec) return null;
    if (vol < 0) r[unique] = Mat.scale(r[unique], -1);
    return r;
  }

  /**
   * For an input cell that is not primitive (a conventional cell, a supercell): its own axes, in
   * the reduced primitive basis, or null when they are not lattice vectors of it.
   */
  private static int[][] supercellFrame(double[][] latR, double[][] input) {
    double[][] f = Mat.transpose(Mat.mul(input, Mat.inverse(latR)));
    int[][] fi = new int[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        fi[i][j] = (int) Math.rint(f[i][j]);
        if (Math.abs(f[i][j] - fi[i][j]) > 1e-3) return null;
      }
    return Mat.det(fi) > 0 ? fi : null;
  }

  /**
   * spglib's monoclinic frame: b along the 2-fold axis (its first table entry), a and c the two
   * shortest table entries perpendicular to it (table order breaks ties), c reversed if the frame
   * is left-handed.
   */
  private static int[][] monoclinicFrameIn(List<int[][]> rotations) {
    int[][] two = firstTwoFold(rotations);
    if (two == null) return null;
    int[] b = null;
    for (int[] v : AXES) if (b == null && Arrays.equals(Mat.mul(two, v), v)) b = v;
    int[] a = null, c = null;
    int na = 8, nc = 8;
    for (int[] v : AXES) {
      int[] w = Mat.mul(two, v);
      if (w[0] + v[0] != 0 || w[1] + v[1] != 0 || w[2] + v[2] != 0) continue;
      int n = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
      if (n < na) {
        na = n;
        a = v;
      }
    }
    for (int[] v : AXES) {
      int[] w = Mat.mul(two, v);
      if (v == a || w[0] + v[0] != 0 || w[1] + v[1] != 0 || w[2] + v[2] != 0) continue;
      int n = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
      if (n < nc) {
        nc = n;
        c = v;
      }
    }
    if (b == null || a == null || c == null) return null;
    int[][] f = Mat.columns(a, b, c);
    if (Mat.det(f) < 0) f = Mat.columns(a, b, Mat.neg(c));
    if (Mat.det(f) == 0) return null;
    // an A-centred frame turned to C as for orthorhombic lattices, b kept
    if (Math.abs(Mat.det(f)) == 2 && centred(f, 1, 2)) return Mat.columns(Mat.column(f, 2), Mat.column(f, 1), Mat.neg(Mat.column(f, 0)));
    return f;
  }

  private static int[][] orthorhombicFrameIn(List<int[][]> rotations) {
    TreeSet<Integer> found = new TreeSet<>();
    for (int[][] r : rotations) {
      int[][] pr = Mat.proper(r);
      if (pr[0][0] + pr[1][1] + pr[2][2] != -1) continue; // 2-folds only
      int idx = -1;
      for (int i = 0; i < AXES.length && idx < 0; i++) if (Arrays.equals(Mat.mul(pr, AXES[i]), AXES[i])) idx = i;
      if (idx < 0) return null;
      found.add(idx);
    }
    if (found.size() != 3) return null;
    Integer[] ax = found.toArray(Integer[]::new);
    int[][] f = Mat.columns(AXES[ax[0]], AXES[ax[1]], AXES[ax[2]]);
    if (Mat.det(f) < 0) f = Mat.columns(AXES[ax[0]], AXES[ax[2]], AXES[ax[1]]);
    // which face is centred: the lattice point (inside the cell) that the frame's vectors miss
    if (Math.abs(Mat.det(f)) == 2) {
      if (centred(f, 1, 2)) return Mat.columns(Mat.column(f, 2), Mat.column(f, 1), Mat.neg(Mat.column(f, 0))); // A → C: (c, b, −a)
      if (centred(f, 0, 2)) return Mat.columns(Mat.column(f, 0), Mat.column(f, 2), Mat.neg(Mat.column(f, 1))); // B → C: (a, c, −b)
    }
    return f;
  }

  /** Whether the lattice point (½ along axes i and j of frame f) belongs to the primitive lattice. */
  private static boolean centred(int[][] f, int i, int j) {
    double[][] inv = Mat.inverse(Mat.toDouble(f));
    for (int[] e : new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}) {
      double[] c = Mat.mul(inv, new double[] {e[0], e[1], e[2]});
      int k = 3 - i - j;
      if (half(c[i]) && half(c[j]) && whole(c[k])) return true;
    }
    return false;
  }

  private static boolean half(double x) {
    return Math.abs(x - Math.floor(x) - 0.5) < 1e-6;
  }

  private static boolean whole(double x) {
    return Math.abs(x - Math.rint(x)) < 1e-6;
  }

  /**
   * The space groups that ITA gives with two origin choices (the table uses choice 2, at an
   * inversion centre; spglib's default database setting is choice 1).
   */
  private static final Set<Integer> TWO_ORIGIN_CHOICES = Set.of(
      48, 50, 59, 68, 70, 85, 86, 88, 125, 126, 129, 130, 133, 134, 137, 138, 141, 142, 201, 203, 222, 224, 227, 228);

  /**
   * Where origin choice 1 lies in the table's setting: on Wyckoff a, whose representative is then
   * the constant point where choice 1 puts its origin (e.g. 1/4,1/4,z for Pmmn); the zero vector
   * for groups with one origin choice.
   */
  static double[] choiceOneOrigin(WyckoffTable.Group g) {
    return TWO_ORIGIN_CHOICES.contains(g.number()) ? g.positions().get(0).constant().clone() : new double[3];
  }

  /** Conventional to primitive coordinates per centring (x_prim = M x_conv). */
  private static final Map<Character, int[][]> PRIMITIVE = Map.of(
      'P', new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}},
      'I', new int[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}},
      'F', new int[][] {{-1, 1, 1}, {1, -1, 1}, {1, 1, -1}},
      'A', new int[][] {{1, 0, 0}, {0, 1, 1}, {0, -1, 1}},
      'B', new int[][] {{1, 0, 1}, {0, 1, 0}, {-1, 0, 1}},
      'C', new int[][] {{1, 1, 0}, {-1, 1, 0}, {0, 0, 1}},
      'R', new int[][] {{1, 0, 1}, {-1, 1, 1}, {0, -1, 1}});

  /** Trial index given to a setting that is no trial of the input frame. */
  private static final int NO_TRIAL = 1000;

  /**
   * The conventional vectors the input cell implies if it is a conventional cell, or a standard
   * primitive cell of the given centring (spglib's primitive-cell conventions), as rows.
   */
  static double[][] inputFrame(char centring, double[][] input) {
    int[][] m = switch (centring) {
      case 'C' -> new int[][] {{1, 1, 0}, {-1, 1, 0}, {0, 0, 1}};
      case 'A' -> new int[][] {{1, 0, 0}, {0, 1, -1}, {0, 1, 1}};
      case 'I' -> new int[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
      case 'F' -> new int[][] {{-1, 1, 1}, {1, -1, 1}, {1, 1, -1}};
      case 'R' -> new int[][] {{1, -1, 0}, {0, 1, -1}, {1, 1, 1}};
      default -> new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    };
    return Mat.mul(Mat.toDouble(m), input);
  }

  /**
   * The sort key of a setting (smaller first).
   *
   * @param p the basis change (columns: conventional vectors in the reduced primitive basis)
   * @param q the origin shift in that basis
   * @param closeness {@code SymmetryFinder}'s distance of the setting from the input cell
   */
  static double[] key(int[][] p, double[] q, WyckoffTable.Group group, String system, int[][] frame, double[][] input, double[][] latR, double closeness, double[] predicted, boolean longer, Boolean spglibBasis) {
    char centring = group.centring();
    double[][] t;
    if (frame != null) {
      // rows of T: the setting's vectors in terms of the frame's, T = (F⁻¹ P)ᵀ
      t = Mat.transpose(Mat.mul(Mat.inverse(Mat.toDouble(frame)), Mat.toDouble(p)));
    } else {
      // no axis-table frame: the input cell read as a conventional or standard primitive cell
      double[][] conv = Mat.mul(Mat.transpose(Mat.toDouble(p)), latR);
      t = Mat.mul(conv, Mat.inverse(inputFrame(centring, input)));
    }
    int trial = NO_TRIAL;
    int[][][] trials = switch (system) {
      case "orthorhombic" -> ORTHORHOMBIC;
      case "monoclinic" -> MONOCLINIC;
      default -> null;
    };
    if (trials != null) {
      int[][] ti = new int[3][3];
      boolean integral = true;
      for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
          ti[i][j] = (int) Math.rint(t[i][j]);
          integral &= Math.abs(t[i][j] - ti[i][j]) < 0.05;
        }
      for (int k = 0; k < trials.length && integral && trial == NO_TRIAL; k++) if (Mat.equal(ti, trials[k])) trial = k;
    }
    if (spglibBasis != null) trial = spglibBasis ? 0 : NO_TRIAL;
    // spglib's database has origin choice 1 where there are two, which lies at minus Wyckoff a's
    // representative from the table's (choice-2) origin; the shift is reduced in the standard
    // primitive basis of the centred cell
    double[] origin = Mat.sub(Mat.mul(Mat.inverse(Mat.toDouble(p)), q), choiceOneOrigin(group));
    double[] shift = Mat.wrapCentered(Mat.mul(PRIMITIVE.get(centring), origin));
    double max = 0, sum = 0;
    for (double c : shift) {
      max = Math.max(max, Math.abs(c));
      sum += Math.abs(c);
    }
    double near = trials == null || trial == NO_TRIAL ? Math.rint(closeness * 1e4) / 1e4 : 0;
    double miss = 0;
    if (predicted != null) {
      double[] dm = Mat.wrapCentered(Mat.mul(PRIMITIVE.get(centring), Mat.sub(Mat.mul(Mat.inverse(Mat.toDouble(p)), q), predicted)));
      for (double c : dm) miss = Math.max(miss, Math.abs(c));
      miss = miss < 0.05 ? 0 : Math.rint(miss * 1e3) / 1e3;
    }
    return new double[] {longer ? 1 : 0, trial, near, miss, Math.rint(max * 1e4) / 1e4, Math.rint(sum * 1e4) / 1e4};
  }

  /** The lengths of the conventional vectors of basis change p (columns in the reduced basis latR). */
  static double[] lengths(int[][] p, double[][] latR) {
    double[][] conv = Mat.mul(Mat.transpose(Mat.toDouble(p)), latR);
    return new double[] {Mat.norm(conv[0]), Mat.norm(conv[1]), Mat.norm(conv[2])};
  }

  /**
   * Lexicographic order of axis lengths, lengths within 1e-6 relative counted equal (spglib
   * compares squared norms with a tolerance of 1e-10).
   */
  static int compareLengths(double[] a, double[] b) {
    for (int i = 0; i < 3; i++)
      if (Math.abs(a[i] - b[i]) > 1e-6 * Math.max(a[i], b[i])) return Double.compare(a[i], b[i]);
    return 0;
  }

  /**
   * The origin spglib's Hall-symbol matching gives for setting (p, group) ({@link HallOrigin}), in
   * the setting's conventional coordinates and the convention of {@code p⁻¹ q} (where the standard
   * origin lies, i.e. minus spglib's shift), or null where it is not used or finds none.
   */
  static double[] spglibOrigin(int[][] p, WyckoffTable.Group g, List<int[][]> opRots, List<double[]> opTrans,
      double[][] latR, double tol) {
    if (!ARITHMETIC.contains(g.crystalSystem() + " " + g.centring())) return null;
    double[] s = HallOrigin.shift(g, p, opRots, opTrans, latR, tol);
    return s == null ? null : Mat.scale(s, -1);
  }

  /** Lexicographic order of keys. */
  static int compare(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) if (a[i] != b[i]) return Double.compare(a[i], b[i]);
    return 0;
  }
}
