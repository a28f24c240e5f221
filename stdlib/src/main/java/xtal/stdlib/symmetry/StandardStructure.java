package xtal.stdlib.symmetry;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;

/**
 * A structure in the standard setting of its space group: group, refined lattice parameters and
 * one site per orbit (Wyckoff letter, element, the coordinates of the orbit member that satisfies
 * the position's representative).
 *
 * @param group space-group number 1..230
 * @param symbol Hermann–Mauguin symbol
 * @param lattice a, b, c (Å), α, β, γ (degrees) of the conventional cell, refined to the symmetry
 * @param sites sorted by letter, then x, y, z
 */
public record StandardStructure(int group, String symbol, double[] lattice, List<Site> sites) {

  /**
   * One orbit.
   *
   * @param letter Wyckoff letter (a..z, then A)
   * @param multiplicity points in the conventional cell
   * @param element element symbol
   * @param xyz fractional coordinates in [0,1), rounded to 1e-6
   * @param representative the position's representative triplet, e.g. {@code x, 0, 1/4}
   */
  public record Site(char letter, int multiplicity, String element, double[] xyz, String representative) {}

  /** Letter (a..z before A), then x, y, z. */
  public static final Comparator<Site> SITE_ORDER =
      Comparator.comparingInt((Site s) -> letterRank(s.letter()))
          .thenComparingDouble(s -> s.xyz()[0])
          .thenComparingDouble(s -> s.xyz()[1])
          .thenComparingDouble(s -> s.xyz()[2]);

  public StandardStructure {
    sites = List.copyOf(sites);
  }

  /** 0 for a … 25 for z, 26 for A. */
  public static int letterRank(char letter) {
    return Character.isUpperCase(letter) ? 26 + letter - 'A' : letter - 'a';
  }

  /** Number of atoms in the conventional cell. */
  public int atoms() {
    int n = 0;
    for (Site s : sites) n += s.multiplicity();
    return n;
  }

  /**
   * The crystal sentence in the reference form: every coordinate written (6 decimals at most),
   * lattice lengths and angles with 4 decimals at most, e.g.
   * {@code 225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-5.64-5.64-5.64-90-90-90}.
   */
  public String sentence() {
    StringBuilder sb = new StringBuilder().append(group);
    for (Site s : sites) {
      sb.append('-').append(s.letter()).append('-').append(s.element());
      for (double x : s.xyz()) sb.append('-').append(number(x, 6));
    }
    sb.append("-X");
    for (double x : lattice) sb.append('-').append(number(x, 4));
    return sb.toString();
  }

  /** A decimal with at most {@code digits} decimals, trailing zeros dropped, no sign on zero. */
  static String number(double x, int digits) {
    BigDecimal d = BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_EVEN).stripTrailingZeros();
    if (d.signum() == 0) return "0";
    String s = d.toPlainString();
    return s;
  }
}
