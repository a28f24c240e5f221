package xtal.stdlib.crystal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import xtal.stdlib.spacegroup.CoordinateRule;
import xtal.stdlib.spacegroup.LatticeRule;
import xtal.stdlib.spacegroup.SpaceGroup;

/**
 * A checked crystal: space group, fully resolved sites in the order written, and all six lattice
 * parameters. Made by {@link SentenceChecker} (or by code that already knows the data is
 * consistent).
 */
public record Crystal(SpaceGroup group, List<Site> sites, Lattice lattice) {

  public Crystal {
    sites = List.copyOf(sites);
  }

  /**
   * The sentence in the full reference form: every coordinate and all six lattice parameters,
   * sites in the order of {@link #sites()}; numbers with at most six decimals, trailing zeros
   * dropped ({@code 0.25}, {@code 0.333333}, {@code 5.1}, {@code 90}).
   */
  public String canonicalSentence() {
    List<String> parts = new ArrayList<>();
    parts.add(Integer.toString(group.number()));
    for (Site s : sites) {
      parts.add(String.valueOf(s.letter()));
      parts.add(s.element().symbol());
      for (double v : s.xyz()) parts.add(number(v));
    }
    parts.add("X");
    for (double v : lattice.parameters()) parts.add(number(v));
    return String.join("-", parts);
  }

  /** The compact form: only the free coordinates of each site and the free lattice parameters. */
  public String compactSentence() {
    List<String> parts = new ArrayList<>();
    parts.add(Integer.toString(group.number()));
    for (Site s : sites) {
      parts.add(String.valueOf(s.letter()));
      parts.add(s.element().symbol());
      double[] xyz = s.xyz();
      for (int i = 0; i < 3; i++) if (s.position().rules().get(i) instanceof CoordinateRule.Free) parts.add(number(xyz[i]));
    }
    parts.add("X");
    LatticeRule rule = group.latticeRule();
    for (double v : rule.compact(lattice.parameters())) parts.add(number(v));
    return String.join("-", parts);
  }

  /**
   * Every atom of the conventional cell: each site's orbit, wrapped to [0, 1), with atoms of the
   * same element that coincide (a site whose free coordinates put it on a more special position,
   * or two sites written at one point) merged.
   */
  public UnitCell expand() {
    List<Atom> atoms = new ArrayList<>();
    for (int i = 0; i < sites.size(); i++) {
      Site s = sites.get(i);
      for (double[] p : s.position().orbitOf(s.xyz())) atoms.add(new Atom(s.element(), p[0], p[1], p[2], i));
    }
    return UnitCell.merging(lattice, atoms);
  }

  /** A number with at most six decimals and no trailing zeros; integers without a point. */
  public static String number(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v);
    if (s.indexOf('.') >= 0) s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    return s.equals("-0") ? "0" : s;
  }

  @Override
  public String toString() {
    return canonicalSentence();
  }
}
