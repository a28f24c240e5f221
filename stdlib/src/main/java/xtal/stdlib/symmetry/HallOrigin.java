package xtal.stdlib.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The origin spglib's Hall-symbol matching gives for a basis (Grosse-Kunstleve, Acta Cryst. A55,
 * 383 (1999), as spglib implements it): per crystal class and centring, sets of generator
 * rotations are tried in a fixed order; for the first set whose generators the structure has and
 * whose shift makes every operation match the database, the shift is V S⁺ U · Δw, Δw the
 * generators' translation differences from the database's in the standard primitive basis of the
 * centring, each taken into [0, 1).
 *
 * <p>The shift is not unique (any normalizer translation gives another valid one); which one comes
 * out depends on the particular generalized inverses V S⁺ U of the stacked (R − I), so they are
 * spglib's own, read from {@code spglib-hall-tables.txt} (BSD-3-Clause, A. Togo), with the
 * centring matrices of the same file.
 */
final class HallOrigin {

  private HallOrigin() {}

  /**
   * A generator set: up to three rotations (conventional basis; null where the set has fewer) and
   * the 3 × 9 generalized inverse of their stacked (R − I) in the centring's primitive basis.
   */
  record GeneratorSet(List<int[][]> rotations, double[][] inverse) {}

  private static final Map<String, double[][][]> TABLES = load();

  /**
   * The shift s spglib finds for a structure whose operations (opRots, opTrans in the reduced
   * basis) are read in the conventional basis p of group g (columns: conventional vectors in the
   * reduced basis): x_standard = x_conventional + s. Null when no generator set matches within
   * symprec (Å).
   */
  static double[] shift(WyckoffTable.Group g, int[][] p, List<int[][]> opRots, List<double[]> opTrans,
      double[][] latR, double symprec) {
    List<GeneratorSet> sets = sets(g);
    if (sets == null) return null;
    double[][] pd = Mat.toDouble(p), pinv = Mat.inverse(pd);
    int n = opRots.size();
    int[][][] rc = new int[n][][];
    double[][] tc = new double[n][];
    for (int k = 0; k < n; k++) {
      rc[k] = Mat.roundExact(Mat.mul(Mat.mul(pinv, Mat.toDouble(opRots.get(k))), pd));
      tc[k] = Mat.mul(pinv, opTrans.get(k));
    }
    double[][] c = centringMatrix(g.centring());
    double[][] cinv = Mat.inverse(c);
    // primitive vectors (rows, Cartesian) of the centred cell: the metric of the overlap test
    double[][] conv = Mat.mul(Mat.transpose(pd), latR);
    double[][] prim = Mat.mul(Mat.transpose(cinv), conv);
    // the database translations are the table's own (origin choice 2 where ITA has two), as
    // spglib matches the Hall symbol it is asked for directly
    List<double[]> tdb = g.rotationTranslation();
    // per operation, once for all generator sets: its database entry, its rotation in the
    // primitive basis and its translation difference from the database's there
    int[] db = new int[n];
    double[][][] rp = new double[n][][];
    double[][] dt = new double[n][];
    for (int k = 0; k < n; k++) {
      db[k] = rotationIndex(g, rc[k]);
      if (db[k] < 0) return null;
      rp[k] = Mat.mul(Mat.mul(c, Mat.toDouble(rc[k])), cinv);
      dt[k] = Mat.sub(Mat.mul(c, tc[k]), Mat.mul(c, tdb.get(db[k])));
    }
    for (GeneratorSet set : sets) {
      double[] dw = new double[9];
      boolean present = true;
      for (int i = 0; i < set.rotations().size() && present; i++) {
        int[][] gen = set.rotations().get(i);
        if (gen == null) continue;
        int k = indexOf(rc, gen);
        if (k < 0) {
          present = false;
          break;
        }
        for (int j = 0; j < 3; j++) dw[3 * i + j] = mod1(dt[k][j]);
      }
      if (!present) continue;
      double[] s = new double[3];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 9; j++) s[i] += set.inverse()[i][j] * dw[j];
        s[i] = mod1(s[i]);
      }
      if (matches(s, rp, dt, prim, symprec)) return Mat.mul(cinv, s);
    }
    return null;
  }

  /**
   * Whether every operation (rotation rp, translation difference dt from the database's, both in
   * the primitive basis), with the origin moved by s, has the database's translation within symprec.
   */
  private static boolean matches(double[] s, double[][][] rp, double[][] dt, double[][] prim, double symprec) {
    for (int k = 0; k < rp.length; k++) {
      double[] d = Mat.sub(Mat.add(dt[k], s), Mat.mul(rp[k], s));
      double[] cart = new double[3];
      for (int i = 0; i < 3; i++) {
        double di = d[i] - Math.rint(d[i]);
        for (int j = 0; j < 3; j++) cart[j] += di * prim[i][j];
      }
      if (Mat.norm(cart) >= symprec) return false;
    }
    return true;
  }

  private static int indexOf(int[][][] rots, int[][] r) {
    for (int k = 0; k < rots.length; k++) if (Mat.equal(rots[k], r)) return k;
    return -1;
  }

  private static int rotationIndex(WyckoffTable.Group g, int[][] rot) {
    for (int j = 0; j < g.rotations().size(); j++) if (Mat.equal(rot, g.rotations().get(j))) return j;
    return -1;
  }

  /** spglib's reduction into [0, 1): within 1e-10 below an integer counts as that integer. */
  private static double mod1(double x) {
    double b = x - Math.rint(x);
    return b < -1e-10 ? b + 1 : b;
  }

  /** Conventional to primitive coordinates (x_prim = C x_conv) per centring, as the table file gives them. */
  static double[][] centringMatrix(char centring) {
    String name = switch (centring) {
      case 'I' -> "M_bcc";
      case 'F' -> "M_fcc";
      case 'A' -> "M_ac";
      case 'B' -> "M_bc";
      case 'C' -> "M_cc";
      case 'R' -> "M_rc";
      default -> null;
    };
    if (name == null) return new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    double[] m = TABLES.get(name)[0][0];
    return new double[][] {{m[0], m[1], m[2]}, {m[3], m[4], m[5]}, {m[6], m[7], m[8]}};
  }

  private static final Map<String, List<GeneratorSet>> SETS = new HashMap<>();

  /** The generator sets spglib tries for the class and centring of g, in its order. */
  static synchronized List<GeneratorSet> sets(WyckoffTable.Group g) {
    int n = g.number();
    String cls = n <= 2 ? "tricli" : n <= 15 ? "monocli" : n <= 74 ? "ortho" : n <= 142 ? "tetra"
        : n <= 167 ? (g.centring() == 'R' ? "rhombo_h" : "trigo") : n <= 194 ? "hexa" : "cubic";
    char c = g.centring();
    String suffix = c == 'P' || c == 'R' || cls.equals("tricli") || cls.equals("trigo") || cls.equals("hexa") ? "" : "_" + c;
    String key = cls + suffix;
    return SETS.computeIfAbsent(key, k -> {
      double[][][] inv = TABLES.get(k + "_VSpU");
      double[][][] gens = TABLES.get(cls + "_generators");
      if (inv == null || gens == null) return null;
      List<GeneratorSet> list = new ArrayList<>();
      for (int i = 0; i < inv.length; i++) {
        List<int[][]> rots = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
          double[] v = gens[i][r];
          boolean zero = true;
          for (double x : v) zero &= x == 0;
          rots.add(zero ? null : new int[][] {
            {(int) v[0], (int) v[1], (int) v[2]}, {(int) v[3], (int) v[4], (int) v[5]}, {(int) v[6], (int) v[7], (int) v[8]}});
        }
        list.add(new GeneratorSet(rots, inv[i]));
      }
      return list;
    });
  }

  /** Reads the table file: blocks "TABLE name", then one line per set of 3 rows of 9 numbers separated by '|'. */
  private static Map<String, double[][][]> load() {
    Map<String, double[][][]> out = new HashMap<>();
    try (InputStream in = HallOrigin.class.getResourceAsStream("spglib-hall-tables.txt")) {
      if (in == null) throw new IllegalStateException("spglib-hall-tables.txt missing from the classpath");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String name = null;
      List<double[][]> rows = new ArrayList<>();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) continue;
        if (line.equals("CODE")) break;
        if (line.startsWith("TABLE ")) {
          if (name != null) out.put(name, rows.toArray(double[][][]::new));
          name = line.substring(6).strip();
          rows = new ArrayList<>();
          continue;
        }
        String[] parts = line.split("\\|");
        double[][] set = new double[parts.length][];
        for (int i = 0; i < parts.length; i++) {
          String[] f = parts[i].strip().split("\\s+");
          set[i] = new double[f.length];
          for (int j = 0; j < f.length; j++) set[i][j] = rational(f[j]);
        }
        rows.add(set);
      }
      if (name != null) out.put(name, rows.toArray(double[][][]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static double rational(String s) {
    int slash = s.indexOf('/');
    return slash < 0 ? Double.parseDouble(s) : Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
  }
}
