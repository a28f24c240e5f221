package xtal.stdlib.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 230 space groups in the standard settings of the shared Wyckoff table, in the numeric form
 * the symmetry finder works with: integer rotations, double translations, affine Wyckoff
 * representatives. Read once from the tables the stdlib jar packages ({@code xtal/stdlib/data/}),
 * or from {@code xtal.data} / {@code XTAL_DATA} when the classpath lacks them.
 *
 * <p>This is a finder-internal view (fast arrays, no allocation per test); the general-purpose
 * space-group API is {@code xtal.stdlib.spacegroup}.
 */
public final class WyckoffTable {

  /** One affine operation x ↦ R x + t in fractional coordinates of the conventional cell. */
  public record Op(int[][] rot, double[] trans) {}

  /**
   * One Wyckoff position.
   *
   * @param letter a..z, then A
   * @param multiplicity number of points in the conventional cell
   * @param coeff the representative's linear part (row i: coefficients of x,y,z in coordinate i)
   * @param constant the representative's constant part
   * @param text the representative as written in the table, e.g. {@code x, 0, 1/4}
   */
  public record Position(char letter, int multiplicity, int[][] coeff, double[] constant, String text) {}

  /**
   * One space group.
   *
   * @param number 1..230
   * @param symbol Hermann–Mauguin short symbol
   * @param crystalSystem triclinic … cubic
   * @param centring P, A, C, I, F or R
   * @param ops the general position, centring translations included
   * @param rotations the distinct rotations of the point group
   * @param rotationTranslation for each entry of {@code rotations}, one translation that goes with it
   * @param centrings the centring translations (the zero vector first)
   * @param positions Wyckoff positions, letter a first
   * @param signature counts of rotation types, identifies the point group
   */
  public record Group(
      int number,
      String symbol,
      String crystalSystem,
      char centring,
      List<Op> ops,
      List<int[][]> rotations,
      List<double[]> rotationTranslation,
      List<double[]> centrings,
      List<Position> positions,
      String signature) {}

  private static volatile List<Group> groups;

  private WyckoffTable() {}

  /** Group {@code n} (1..230). */
  public static Group group(int n) {
    return all().get(n - 1);
  }

  /** All 230 groups, by number. */
  public static List<Group> all() {
    List<Group> g = groups;
    if (g == null) {
      synchronized (WyckoffTable.class) {
        if (groups == null) groups = load();
        g = groups;
      }
    }
    return g;
  }

  private static List<Group> load() {
    Map<Integer, String[]> info = new HashMap<>();
    for (String line : lines("spacegroups.csv")) {
      String[] f = line.split(",");
      if (!f[0].matches("\\d+")) continue;
      info.put(Integer.parseInt(f[0]), new String[] {f[1], f[5], f[6]});
    }
    List<Group> out = new ArrayList<>();
    for (String line : lines("wyckoff_list.csv")) {
      int comma = line.indexOf(',');
      if (comma < 0 || !line.substring(0, comma).matches("\\d+")) continue;
      int number = Integer.parseInt(line.substring(0, comma));
      List<List<String>> positions = parseLiteral(line.substring(comma + 1));
      String[] meta = info.get(number);
      out.add(build(number, meta[0], meta[1], meta[2].charAt(0), positions));
    }
    if (out.size() != 230) throw new IllegalStateException("wyckoff_list.csv: expected 230 groups, read " + out.size());
    return List.copyOf(out);
  }

  private static Group build(int number, String symbol, String system, char centring, List<List<String>> positions) {
    List<Op> ops = new ArrayList<>();
    for (String t : positions.get(0)) {
      Affine a = parseTriplet(t);
      ops.add(new Op(a.coeff, a.constant));
    }
    List<int[][]> rots = new ArrayList<>();
    List<double[]> rotT = new ArrayList<>();
    List<double[]> centrings = new ArrayList<>();
    for (Op op : ops) {
      if (Mat.isIdentity(op.rot)) centrings.add(op.trans);
      boolean seen = false;
      for (int[][] r : rots) seen |= Mat.equal(r, op.rot);
      if (!seen) {
        rots.add(op.rot);
        rotT.add(op.trans);
      }
    }
    List<Position> pos = new ArrayList<>();
    int n = positions.size();
    for (int i = n - 1; i >= 0; i--) {
      List<String> p = positions.get(i);
      int idx = n - 1 - i;
      char letter = idx < 26 ? (char) ('a' + idx) : (char) ('A' + idx - 26);
      Affine a = parseTriplet(p.get(0));
      pos.add(new Position(letter, p.size(), a.coeff, a.constant, p.get(0)));
    }
    return new Group(number, symbol, system, centring, List.copyOf(ops), List.copyOf(rots), List.copyOf(rotT),
        List.copyOf(centrings), List.copyOf(pos), signature(rots));
  }

  /** Counts of the ten rotation types (-6,-4,-3,-2,-1,1,2,3,4,6), as a key. */
  static String signature(List<int[][]> rots) {
    int[] c = new int[10];
    for (int[][] r : rots) c[rotationType(r)]++;
    return java.util.Arrays.toString(c);
  }

  /** Index 0..9 of the rotation type (-6,-4,-3,-2,-1,1,2,3,4,6) from determinant and trace. */
  static int rotationType(int[][] r) {
    int det = Mat.det(r), tr = r[0][0] + r[1][1] + r[2][2];
    if (det == 1) {
      return switch (tr) { case 3 -> 5; case -1 -> 6; case 0 -> 7; case 1 -> 8; case 2 -> 9; default -> -1; };
    }
    return switch (tr) { case -3 -> 4; case 1 -> 3; case 0 -> 2; case -1 -> 1; case -2 -> 0; default -> -1; };
  }

  private record Affine(int[][] coeff, double[] constant) {}

  /** Parses {@code -y+1/2, x-y, 2x} into coefficients and constants. */
  static Affine parseTriplet(String s) {
    String[] parts = s.split(",");
    if (parts.length != 3) throw new IllegalArgumentException("not a coordinate triplet: " + s);
    int[][] coeff = new int[3][3];
    double[] c = new double[3];
    for (int i = 0; i < 3; i++) {
      String e = parts[i].replace(" ", "");
      int p = 0;
      while (p < e.length()) {
        int sign = 1;
        if (e.charAt(p) == '+') p++;
        else if (e.charAt(p) == '-') {
          sign = -1;
          p++;
        }
        int start = p;
        while (p < e.length() && (Character.isDigit(e.charAt(p)) || e.charAt(p) == '/' || e.charAt(p) == '.')) p++;
        String num = e.substring(start, p);
        if (p < e.length() && "xyz".indexOf(e.charAt(p)) >= 0) {
          int k = num.isEmpty() ? 1 : Integer.parseInt(num);
          coeff[i][e.charAt(p) - 'x'] += sign * k;
          p++;
        } else {
          if (num.isEmpty()) throw new IllegalArgumentException("bad term in " + s);
          int slash = num.indexOf('/');
          double v = slash < 0 ? Double.parseDouble(num)
              : Double.parseDouble(num.substring(0, slash)) / Double.parseDouble(num.substring(slash + 1));
          c[i] += sign * v;
        }
      }
    }
    return new Affine(coeff, c);
  }

  /** Parses a Python literal {@code [['x, y, z', ...], [...]]} (as a CSV field) into lists. */
  private static List<List<String>> parseLiteral(String field) {
    List<List<String>> out = new ArrayList<>();
    List<String> cur = null;
    int depth = 0;
    for (int i = 0; i < field.length(); i++) {
      char ch = field.charAt(i);
      if (ch == '[') {
        depth++;
        if (depth == 2) cur = new ArrayList<>();
      } else if (ch == ']') {
        if (depth == 2) out.add(cur);
        depth--;
      } else if (ch == '\'') {
        int end = field.indexOf('\'', i + 1);
        cur.add(field.substring(i + 1, end));
        i = end;
      }
    }
    return out;
  }

  private static List<String> lines(String name) {
    InputStream in = WyckoffTable.class.getResourceAsStream("/xtal/stdlib/data/" + name);
    try {
      if (in == null) {
        String dir = System.getenv("XTAL_DATA");
        if (dir == null) dir = System.getProperty("xtal.data", "../shared/data");
        in = Files.newInputStream(Path.of(dir, "spacegroups", name));
      }
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return r.lines().toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the space-group table " + name, e);
    }
  }
}
