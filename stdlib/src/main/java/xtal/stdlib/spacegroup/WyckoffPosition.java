package xtal.stdlib.spacegroup;

import java.util.ArrayList;
import java.util.List;

/**
 * One Wyckoff position of a space group in its ITA standard setting.
 *
 * <p>Invariants (checked when the tables are loaded): the orbit's first member is the
 * representative; {@code multiplicity == orbit.size()}; {@code rules} has one entry per axis x, y,
 * z, derived from the representative: a coordinate whose expression is the plain parameter of its
 * own axis is {@link CoordinateRule.Free}, a constant is {@link CoordinateRule.Fixed}, and a
 * multiple of an earlier free parameter plus a constant is {@link CoordinateRule.Tied}. The orbit
 * triplets use the parameters of the free axes only, so a point that satisfies the representative
 * is mapped onto its orbit by applying each orbit triplet to it.
 *
 * @param groupNumber the space group, 1..230
 * @param letter {@code a}..{@code z}, then {@code A}
 * @param index 0 for {@code a}
 * @param multiplicity the number of points of the orbit in the conventional cell
 * @param representative the first triplet ({@code x, 0, 1/4} for 167e)
 * @param orbit every triplet, centring translations included, the representative first
 * @param rules per axis x, y, z: free, fixed or tied
 */
public record WyckoffPosition(
    int groupNumber,
    char letter,
    int index,
    int multiplicity,
    SymOp representative,
    List<SymOp> orbit,
    List<CoordinateRule> rules) {

  public WyckoffPosition {
    orbit = List.copyOf(orbit);
    rules = List.copyOf(rules);
    if (rules.size() != 3) throw new IllegalArgumentException("three coordinate rules expected");
  }

  /** The letter of the position with the given 0-based index: a..z, then A. */
  public static char letterOf(int index) {
    if (index < 0 || index > 26) throw new IllegalArgumentException("no Wyckoff letter for index " + index);
    return index < 26 ? (char) ('a' + index) : 'A';
  }

  /** The 0-based index of a letter (a → 0, z → 25, A → 26), or -1 if it is no Wyckoff letter. */
  public static int indexOf(char letter) {
    if (letter >= 'a' && letter <= 'z') return letter - 'a';
    if (letter == 'A') return 26;
    return -1;
  }

  /**
   * Derives the coordinate rules from a representative triplet.
   *
   * @throws IllegalArgumentException if a coordinate has a shape the tables are not known to use
   */
  public static List<CoordinateRule> rulesOf(SymOp rep) {
    List<CoordinateRule> rules = new ArrayList<>(3);
    for (int i = 0; i < 3; i++) {
      int nonzero = 0, col = -1;
      for (int j = 0; j < 3; j++)
        if (rep.r(i, j) != 0) {
          nonzero++;
          col = j;
        }
      if (nonzero == 0) rules.add(new CoordinateRule.Fixed(rep.t(i).mod1()));
      else if (nonzero == 1 && col == i && rep.r(i, i) == 1 && rep.t(i).isZero()) rules.add(new CoordinateRule.Free());
      else if (nonzero == 1 && col < i && rules.get(col) instanceof CoordinateRule.Free)
        rules.add(new CoordinateRule.Tied(col, Rational.of(rep.r(i, col)), rep.t(i).mod1()));
      else throw new IllegalArgumentException("unsupported representative '" + rep + "' (coordinate " + (i + 1) + ")");
    }
    return rules;
  }

  /** How many coordinates are free parameters (0..3). */
  public int degreesOfFreedom() {
    int n = 0;
    for (CoordinateRule r : rules) if (r instanceof CoordinateRule.Free) n++;
    return n;
  }

  /** True when the position has no free coordinate: it is one point orbit, usable once per crystal. */
  public boolean isZeroDof() {
    return degreesOfFreedom() == 0;
  }

  /** The axes (0 = x, 1 = y, 2 = z) whose coordinates are free, in order. */
  public int[] freeAxes() {
    int[] axes = new int[degreesOfFreedom()];
    int k = 0;
    for (int i = 0; i < 3; i++) if (rules.get(i) instanceof CoordinateRule.Free) axes[k++] = i;
    return axes;
  }

  /** The names of the free coordinates ({@code x, z}), as written in the compact form. */
  public String freeCoordinateNames() {
    StringBuilder sb = new StringBuilder();
    for (int a : freeAxes()) sb.append(sb.isEmpty() ? "" : ", ").append((char) ('x' + a));
    return sb.toString();
  }

  /** Multiplicity and letter, as in {@code 4a}. */
  public String siteSymbolLabel() {
    return multiplicity + String.valueOf(letter);
  }

  /** Group number and letter, as in {@code 225a}. */
  public String label() {
    return groupNumber + String.valueOf(letter);
  }

  /** The representative as the tables write it, without spaces: {@code x,0,1/4}. */
  public String representativeText() {
    return representative.toCompactString();
  }

  /**
   * The full coordinates of the representative for the given free parameters (one per free axis,
   * in axis order): fixed coordinates take their exact value, tied ones follow their source.
   */
  public double[] coordinates(double[] free) {
    if (free.length != degreesOfFreedom())
      throw new IllegalArgumentException(label() + " takes " + degreesOfFreedom() + " free coordinates, got " + free.length);
    double[] xyz = new double[3];
    int k = 0;
    for (int i = 0; i < 3; i++) {
      xyz[i] =
          switch (rules.get(i)) {
            case CoordinateRule.Free f -> free[k++];
            case CoordinateRule.Fixed f -> f.value().toDouble();
            case CoordinateRule.Tied t -> mod1(t.valueFor(xyz[t.sourceAxis()]));
          };
    }
    return xyz;
  }

  /**
   * The orbit of a point that satisfies the representative: every orbit triplet applied to it,
   * wrapped to [0, 1). Exactly {@code multiplicity} points, distinct unless the free parameters put
   * the point on a more special position.
   */
  public List<double[]> orbitOf(double[] xyz) {
    List<double[]> out = new ArrayList<>(orbit.size());
    for (SymOp op : orbit) {
      double[] p = op.apply(xyz);
      for (int i = 0; i < 3; i++) p[i] = mod1(p[i]);
      out.add(p);
    }
    return out;
  }

  /** {@code v} reduced to [0, 1); values within 1e-12 of 1 become 0. */
  static double mod1(double v) {
    double w = v - Math.floor(v);
    return w >= 1 - 1e-12 ? 0 : w;
  }

  @Override
  public String toString() {
    return label() + " (" + multiplicity + ", " + representativeText() + ")";
  }
}
