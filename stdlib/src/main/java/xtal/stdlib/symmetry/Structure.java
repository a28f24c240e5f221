package xtal.stdlib.symmetry;

import java.util.ArrayList;
import java.util.List;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.Lattice;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.element.Element;
import xtal.stdlib.element.Elements;

/**
 * An ordered crystal structure as read from a file: lattice vectors and atoms with fractional
 * coordinates, in any setting and any cell.
 *
 * @param lattice rows are the cell vectors a, b, c in Å (cartesian)
 * @param positions fractional coordinates, one {@code double[3]} per atom
 * @param species element symbol per atom, same order
 */
public record Structure(double[][] lattice, List<double[]> positions, List<String> species) {
  public Structure {
    if (lattice.length != 3) throw new IllegalArgumentException("lattice must have three vectors");
    if (positions.size() != species.size()) throw new IllegalArgumentException("one species per position");
    positions = List.copyOf(positions);
    species = List.copyOf(species);
  }

  /** A structure from cell parameters (Å, degrees), with a along x and b in the xy plane. */
  public static Structure fromParameters(
      double a, double b, double c, double alpha, double beta, double gamma, List<double[]> positions, List<String> species) {
    return new Structure(latticeFromParameters(a, b, c, alpha, beta, gamma), positions, species);
  }

  /** Cell vectors from cell parameters, a along x and b in the xy plane (the CIF convention). */
  public static double[][] latticeFromParameters(double a, double b, double c, double alpha, double beta, double gamma) {
    double ca = Math.cos(Math.toRadians(alpha)), cb = Math.cos(Math.toRadians(beta)), cg = Math.cos(Math.toRadians(gamma));
    double sg = Math.sin(Math.toRadians(gamma));
    double cx = c * cb, cy = c * (ca - cb * cg) / sg;
    double cz2 = c * c - cx * cx - cy * cy;
    return new double[][] {{a, 0, 0}, {b * cg, b * sg, 0}, {cx, cy, Math.sqrt(Math.max(cz2, 0))}};
  }

  /** Cell volume in Å³ (positive for a right-handed cell). */
  public double volume() {
    return Mat.det(lattice);
  }

  public int size() {
    return positions.size();
  }

  /** The stdlib cell of the same atoms, positions wrapped into [0, 1) (the orientation is dropped). */
  public UnitCell toCell() {
    List<Atom> atoms = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      String sym = species.get(i);
      Element e = Elements.bySymbol(sym).orElseThrow(() -> new IllegalArgumentException("unknown element '" + sym + "'"));
      double[] p = positions.get(i);
      atoms.add(new Atom(e, UnitCell.wrap(p[0]), UnitCell.wrap(p[1]), UnitCell.wrap(p[2]), -1));
    }
    return new UnitCell(Lattice.fromVectors(lattice), atoms);
  }

  /** The structure of a stdlib cell, for the symmetry finder. */
  public static Structure of(UnitCell cell) {
    List<double[]> pos = new ArrayList<>();
    List<String> sp = new ArrayList<>();
    for (Atom a : cell.atoms()) {
      pos.add(a.xyz());
      sp.add(a.element().symbol());
    }
    return new Structure(cell.lattice().matrix(), pos, sp);
  }
}
