package xtal.stdlib.symmetry;

import java.util.ArrayList;
import java.util.List;
import xtal.stdlib.spacegroup.SpaceGroup;
import xtal.stdlib.spacegroup.SpaceGroups;
import xtal.stdlib.spacegroup.SymOp;
import xtal.stdlib.spacegroup.WyckoffPosition;

/**
 * The 230 space groups in the standard settings of the shared Wyckoff table, in the numeric form
 * the symmetry finder works with: integer rotations, double translations, affine Wyckoff
 * representatives. Built once from {@link SpaceGroups}, so the tables are read and parsed in one
 * place only.
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

  /** The numeric view of {@link SpaceGroups}: one loader and one triplet parser for the project. */
  private static List<Group> load() {
    List<Group> out = new ArrayList<>(230);
    for (SpaceGroup g : SpaceGroups.all()) out.add(build(g));
    return List.copyOf(out);
  }

  private static Group build(SpaceGroup g) {
    List<Op> ops = new ArrayList<>();
    for (SymOp op : g.generalPosition()) ops.add(new Op(op.rotation(), translation(op)));
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
    for (WyckoffPosition w : g.positions()) {
      SymOp rep = w.representative();
      pos.add(new Position(w.letter(), w.multiplicity(), rep.rotation(), translation(rep), rep.toString()));
    }
    return new Group(g.number(), g.symbol(), g.crystalSystem().displayName(), g.centring().name().charAt(0),
        List.copyOf(ops), List.copyOf(rots), List.copyOf(rotT), List.copyOf(centrings), List.copyOf(pos), signature(rots));
  }

  private static double[] translation(SymOp op) {
    double[] t = new double[3];
    for (int i = 0; i < 3; i++) t[i] = op.translation()[i].toDouble();
    return t;
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
}
