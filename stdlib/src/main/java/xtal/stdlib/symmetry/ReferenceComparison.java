package xtal.stdlib.symmetry;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares an imported structure with a reference sentence (the shared {@code *.sentences.csv},
 * made with spglib): same space group, same multiset of (Wyckoff letter, element), coordinates
 * within 1e-3 after matching sites (periodically), lattice parameters within 1e-3 relative.
 */
public final class ReferenceComparison {

  /** Why a structure disagrees; {@code AGREE} when it does not. */
  public enum Verdict {
    AGREE,
    /**
     * Not the same sentence, but the same crystal in another standard description of the same
     * group: another origin or axis choice among the normalizer's alternatives (checked by mapping
     * every atom of one expanded cell onto the other with a signed axis change and a shift).
     */
    EQUIVALENT,
    GROUP,
    SITES,
    COORDINATES,
    LATTICE,
    FAILED
  }

  /** A parsed reference (or own) sentence in the full form. */
  public record Parsed(int group, List<Character> letters, List<String> elements, List<double[]> xyz, double[] lattice) {}

  private ReferenceComparison() {}

  /** Parses a full-form sentence {@code G-(w-El-x-y-z)*-X-a-b-c-α-β-γ}; fractions allowed. */
  public static Parsed parse(String sentence) {
    String[] t = sentence.trim().split("-");
    int group = Integer.parseInt(t[0]);
    List<Character> letters = new ArrayList<>();
    List<String> elements = new ArrayList<>();
    List<double[]> xyz = new ArrayList<>();
    int i = 1;
    while (!t[i].equals("X")) {
      letters.add(t[i].charAt(0));
      elements.add(t[i + 1]);
      xyz.add(new double[] {value(t[i + 2]), value(t[i + 3]), value(t[i + 4])});
      i += 5;
    }
    double[] lat = new double[6];
    for (int k = 0; k < 6; k++) lat[k] = value(t[i + 1 + k]);
    return new Parsed(group, letters, elements, xyz, lat);
  }

  private static double value(String s) {
    int slash = s.indexOf('/');
    return slash < 0 ? Double.parseDouble(s) : Double.parseDouble(s.substring(0, slash)) / Double.parseDouble(s.substring(slash + 1));
  }

  /**
   * The verdict for one structure: {@code AGREE} when every criterion holds, else {@code
   * EQUIVALENT} when the two describe the same crystal, else the first criterion that fails.
   */
  public static Verdict compare(StandardStructure mine, String reference) {
    Parsed ref = parse(reference);
    Parsed own = parse(mine.sentence());
    Verdict strict = strict(own, ref);
    if (strict == Verdict.AGREE || strict == Verdict.GROUP) return strict;
    return sameCrystal(own, ref) ? Verdict.EQUIVALENT : strict;
  }

  private static Verdict strict(Parsed own, Parsed ref) {
    if (ref.group != own.group) return Verdict.GROUP;
    List<String> a = new ArrayList<>(), b = new ArrayList<>();
    for (int i = 0; i < ref.letters.size(); i++) a.add(ref.letters.get(i) + ref.elements.get(i));
    for (int i = 0; i < own.letters.size(); i++) b.add(own.letters.get(i) + own.elements.get(i));
    a.sort(null);
    b.sort(null);
    if (!a.equals(b)) return Verdict.SITES;
    boolean[] used = new boolean[own.letters.size()];
    for (int i = 0; i < ref.letters.size(); i++) {
      boolean found = false;
      for (int j = 0; j < own.letters.size() && !found; j++) {
        if (used[j] || own.letters.get(j) != ref.letters.get(i).charValue() || !own.elements.get(j).equals(ref.elements.get(i))) continue;
        double worst = 0;
        for (int k = 0; k < 3; k++) {
          double d = own.xyz.get(j)[k] - ref.xyz.get(i)[k];
          worst = Math.max(worst, Math.abs(d - Math.rint(d)));
        }
        if (worst <= 1e-3 + 1e-9) {
          used[j] = true;
          found = true;
        }
      }
      if (!found) return Verdict.COORDINATES;
    }
    for (int k = 0; k < 6; k++)
      if (Math.abs(own.lattice[k] - ref.lattice[k]) > 1e-3 * Math.abs(ref.lattice[k]) + 1e-9) return Verdict.LATTICE;
    return Verdict.AGREE;
  }

  /** All 3×3 matrices with entries in {-1, 0, 1} and determinant ±1 (axis changes to try). */
  private static final List<int[][]> AXIS_CHANGES = axisChanges();

  private static List<int[][]> axisChanges() {
    List<int[][]> out = new ArrayList<>();
    int[] v = new int[9];
    for (int code = 0; code < 19683; code++) {
      int c = code;
      for (int i = 0; i < 9; i++) {
        v[i] = c % 3 - 1;
        c /= 3;
      }
      int[][] m = {{v[0], v[1], v[2]}, {v[3], v[4], v[5]}, {v[6], v[7], v[8]}};
      int d = Mat.det(m);
      if (d == 1 || d == -1) out.add(m);
    }
    return List.copyOf(out);
  }

  /**
   * Whether two sentences of the same group describe the same crystal: some axis change R (keeping
   * the metric within 1 %) and shift s map every atom of one expanded cell onto an atom of the
   * same element in the other, within 2e-3 in fractional coordinates.
   */
  static boolean sameCrystal(Parsed a, Parsed b) {
    if (a.group != b.group) return false;
    WyckoffTable.Group g = WyckoffTable.group(a.group);
    List<double[]> xa = new ArrayList<>(), xb = new ArrayList<>();
    List<String> ea = new ArrayList<>(), eb = new ArrayList<>();
    expand(g, a, xa, ea);
    expand(g, b, xb, eb);
    if (xa.size() != xb.size()) return false;
    double[][] ga = metric(a.lattice), gb = metric(b.lattice);
    int ref = 0;
    for (int i = 0; i < ea.size(); i++) if (count(ea, ea.get(i)) < count(ea, ea.get(ref))) ref = i;
    for (int[][] r : AXIS_CHANGES) {
      // new basis vectors = R · old (rows); metric RGRᵀ must match b's
      double[][] rd = Mat.toDouble(r);
      double[][] gr = Mat.mul(Mat.mul(rd, ga), Mat.transpose(rd));
      boolean ok = true;
      for (int i = 0; i < 3 && ok; i++)
        for (int j = 0; j < 3 && ok; j++) ok = Math.abs(gr[i][j] - gb[i][j]) <= 0.01 * Math.sqrt(gb[i][i] * gb[j][j]) + 1e-6;
      if (!ok) continue;
      // coordinates in the new basis: x' = R⁻ᵀ x
      double[][] m = Mat.transpose(Mat.inverse(rd));
      double[] y0 = Mat.mul(m, xa.get(ref));
      for (int j = 0; j < xb.size(); j++) {
        if (!eb.get(j).equals(ea.get(ref))) continue;
        double[] shift = Mat.sub(xb.get(j), y0);
        if (maps(m, shift, xa, ea, xb, eb)) return true;
      }
    }
    return false;
  }

  private static boolean maps(double[][] m, double[] shift, List<double[]> xa, List<String> ea, List<double[]> xb, List<String> eb) {
    for (int i = 0; i < xa.size(); i++) {
      double[] y = Mat.add(Mat.mul(m, xa.get(i)), shift);
      boolean found = false;
      for (int j = 0; j < xb.size() && !found; j++) {
        if (!eb.get(j).equals(ea.get(i))) continue;
        double[] d = Mat.wrapCentered(Mat.sub(y, xb.get(j)));
        found = Math.abs(d[0]) < 2e-3 && Math.abs(d[1]) < 2e-3 && Math.abs(d[2]) < 2e-3;
      }
      if (!found) return false;
    }
    return true;
  }

  private static void expand(WyckoffTable.Group g, Parsed p, List<double[]> xs, List<String> es) {
    for (int s = 0; s < p.xyz.size(); s++)
      for (WyckoffTable.Op op : g.ops()) {
        double[] y = Mat.wrap(Mat.add(Mat.mul(op.rot(), p.xyz.get(s)), op.trans()));
        boolean dup = false;
        for (double[] x : xs) {
          double[] d = Mat.wrapCentered(Mat.sub(x, y));
          dup |= Math.abs(d[0]) < 1e-4 && Math.abs(d[1]) < 1e-4 && Math.abs(d[2]) < 1e-4;
        }
        if (!dup) {
          xs.add(y);
          es.add(p.elements.get(s));
        }
      }
  }

  private static int count(List<String> l, String e) {
    int c = 0;
    for (String x : l) if (x.equals(e)) c++;
    return c;
  }

  private static double[][] metric(double[] p) {
    return Mat.metric(Structure.latticeFromParameters(p[0], p[1], p[2], p[3], p[4], p[5]));
  }
}
