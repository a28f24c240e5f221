package xtal.stdlib.spacegroup;

import java.util.ArrayList;
import java.util.List;

/**
 * What a crystal system says about the six lattice parameters a, b, c, alpha, beta, gamma (ITA
 * standard settings: monoclinic unique axis b, trigonal groups on hexagonal axes).
 *
 * <p>Each parameter is free, equal to an earlier one, or fixed to an angle. The compact form of a
 * sentence lists only the free parameters, in the order a, b, c, alpha, beta, gamma.
 */
public record LatticeRule(CrystalSystem system, List<Param> params) {

  /** The parameter names, in order. */
  public static final List<String> NAMES = List.of("a", "b", "c", "alpha", "beta", "gamma");

  public LatticeRule {
    params = List.copyOf(params);
    if (params.size() != 6) throw new IllegalArgumentException("six lattice parameters expected");
  }

  /** The rule for one lattice parameter. */
  public sealed interface Param permits Free, Equal, Fixed {}

  /** The parameter is free: it is written in the compact form. */
  public record Free() implements Param {}

  /** The parameter equals an earlier one (index into a, b, c, alpha, beta, gamma). */
  public record Equal(int to) implements Param {}

  /** The angle is fixed, in degrees. */
  public record Fixed(double degrees) implements Param {}

  private static final Free F = new Free();

  /** The rule of a crystal system. */
  public static LatticeRule of(CrystalSystem s) {
    Fixed d90 = new Fixed(90), d120 = new Fixed(120);
    Equal eqA = new Equal(0);
    return new LatticeRule(
        s,
        switch (s) {
          case TRICLINIC -> List.of(F, F, F, F, F, F);
          case MONOCLINIC -> List.of(F, F, F, d90, F, d90);
          case ORTHORHOMBIC -> List.of(F, F, F, d90, d90, d90);
          case TETRAGONAL -> List.of(F, eqA, F, d90, d90, d90);
          case TRIGONAL, HEXAGONAL -> List.of(F, eqA, F, d90, d90, d120);
          case CUBIC -> List.of(F, eqA, eqA, d90, d90, d90);
        });
  }

  /** How many parameters the compact form writes. */
  public int freeCount() {
    int n = 0;
    for (Param p : params) if (p instanceof Free) n++;
    return n;
  }

  /** The indices (0..5) of the free parameters. */
  public int[] freeIndices() {
    int[] idx = new int[freeCount()];
    int k = 0;
    for (int i = 0; i < 6; i++) if (params.get(i) instanceof Free) idx[k++] = i;
    return idx;
  }

  /** The free parameters' names, {@code a, c} for tetragonal. */
  public String freeNames() {
    List<String> names = new ArrayList<>();
    for (int i : freeIndices()) names.add(NAMES.get(i));
    return String.join(", ", names);
  }

  /** The six parameters from the compact values (one per free parameter, in order). */
  public double[] expand(double[] compact) {
    if (compact.length != freeCount())
      throw new IllegalArgumentException(system.displayName() + " lattice takes " + freeCount() + " parameters, got " + compact.length);
    double[] six = new double[6];
    int k = 0;
    for (int i = 0; i < 6; i++) {
      six[i] =
          switch (params.get(i)) {
            case Free f -> compact[k++];
            case Equal e -> six[e.to()];
            case Fixed x -> x.degrees();
          };
    }
    return six;
  }

  /** The free values of six full parameters, the inverse of {@link #expand}. */
  public double[] compact(double[] six) {
    int[] idx = freeIndices();
    double[] c = new double[idx.length];
    for (int k = 0; k < idx.length; k++) c[k] = six[idx[k]];
    return c;
  }

  /** A description such as {@code a = b = c} or {@code alpha = beta = 90, gamma = 120}; empty if none. */
  public String lengthRule() {
    StringBuilder sb = new StringBuilder();
    if (params.get(1) instanceof Equal) sb.append("a = b");
    if (params.get(2) instanceof Equal) sb.append(" = c");
    return sb.toString();
  }

  /** The angle constraints as text: {@code alpha = beta = gamma = 90}, {@code alpha = beta = 90, gamma = 120}. */
  public String angleRule() {
    List<String> groups = new ArrayList<>();
    String current = null;
    StringBuilder names = new StringBuilder();
    for (int i = 3; i < 6; i++) {
      if (!(params.get(i) instanceof Fixed f)) continue;
      String deg = fmt(f.degrees());
      if (deg.equals(current)) names.append(" = ").append(NAMES.get(i));
      else {
        if (current != null) groups.add(names + " = " + current);
        names = new StringBuilder(NAMES.get(i));
        current = deg;
      }
    }
    if (current != null) groups.add(names + " = " + current);
    return String.join(", ", groups);
  }

  static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  @Override
  public String toString() {
    String l = lengthRule(), a = angleRule();
    String rule = l.isEmpty() ? a : a.isEmpty() ? l : l + ", " + a;
    return system.displayName() + ": free " + freeNames() + (rule.isEmpty() ? "" : "; " + rule);
  }
}
