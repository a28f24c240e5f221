package xtal.stdlib.symmetry;

import java.util.List;

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
}
