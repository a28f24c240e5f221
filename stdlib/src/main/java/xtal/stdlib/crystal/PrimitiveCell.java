package xtal.stdlib.crystal;

import java.util.ArrayList;
import java.util.List;
import xtal.stdlib.spacegroup.Centring;

/**
 * The primitive cell of a crystal's conventional cell, by the standard centring transformations
 * (the ones spglib and ITA use): the primitive vectors as rows of {@code P · L}, with {@code L}
 * the conventional vectors; atoms re-expressed in the new basis, wrapped and merged, so the cell
 * holds {@code atoms / latticePoints} atoms.
 *
 * @param vectors the primitive vectors (Å, rows), in the conventional cell's Cartesian frame
 * @param cell the atoms in fractional coordinates of {@code vectors}
 */
public record PrimitiveCell(double[][] vectors, UnitCell cell) {

  /** Rows: the primitive vectors in fractional coordinates of the conventional cell. */
  static double[][] transformation(Centring c) {
    double h = 0.5, t = 1.0 / 3;
    return switch (c) {
      case P -> new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
      case A -> new double[][] {{1, 0, 0}, {0, h, -h}, {0, h, h}};
      case B -> new double[][] {{h, 0, -h}, {0, 1, 0}, {h, 0, h}};
      case C -> new double[][] {{h, h, 0}, {-h, h, 0}, {0, 0, 1}};
      case I -> new double[][] {{-h, h, h}, {h, -h, h}, {h, h, -h}};
      case F -> new double[][] {{0, h, h}, {h, 0, h}, {h, h, 0}};
      case R -> new double[][] {{2 * t, t, t}, {-t, t, t}, {-t, -2 * t, t}}; // obverse hexagonal axes
    };
  }

  /** The primitive cell of {@code crystal}. */
  public static PrimitiveCell of(Crystal crystal) {
    double[][] p = transformation(crystal.group().centring());
    double[][] conv = crystal.lattice().matrix();
    double[][] vectors = multiply(p, conv);
    double[][] inv = inverse(p);
    List<Atom> atoms = new ArrayList<>();
    for (Atom a : crystal.expand().atoms()) {
      double[] f = {a.x(), a.y(), a.z()};
      double[] g = new double[3];
      for (int j = 0; j < 3; j++) g[j] = f[0] * inv[0][j] + f[1] * inv[1][j] + f[2] * inv[2][j];
      atoms.add(new Atom(a.element(), g[0], g[1], g[2], a.site()));
    }
    return new PrimitiveCell(vectors, UnitCell.merging(Lattice.fromVectors(vectors), atoms));
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) r[i][j] += a[i][k] * b[k][j];
    return r;
  }

  private static double[][] inverse(double[][] m) {
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    double[][] r = new double[3][3];
    for (int i = 0; i < 3; i++)
      for (int j = 0; j < 3; j++) {
        int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
        r[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
      }
    return r;
  }
}
