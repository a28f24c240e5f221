package xtal.runtime.decode;

import java.util.ArrayList;
import java.util.List;
import xtal.stdlib.spacegroup.SpaceGroup;

/**
 * The minimum-distance check of one sequence while its sites are drawn: the atoms placed so far
 * (fractional) and whether a new site's orbit crowds them or itself. The lattice is sampled last,
 * so distances are measured in a provisional cell of the crystal system's shape holding {@link
 * #VOLUME_PER_ATOM} Å³ per atom — the typical packing of MP-20 crystals.
 */
final class MinimumDistance {
  /** Å³ per atom of the provisional cell (the median of the MP-20 training set). */
  static final double VOLUME_PER_ATOM = 18.0;

  private final SpaceGroup group;
  private final List<double[]> placed = new ArrayList<>();

  MinimumDistance(SpaceGroup group) {
    this.group = group;
  }

  /** Adds a completed site's atoms. */
  void place(List<double[]> orbit) {
    placed.addAll(orbit);
  }

  /**
   * Whether {@code orbit} (a new site's atoms, the cell then holding {@code totalAtoms}) puts an
   * atom closer than {@code d} Å to an atom already placed or to another atom of its own orbit
   * (periodic images included).
   */
  boolean crowds(List<double[]> orbit, int totalAtoms, double d) {
    double[][] cell = provisionalCell(totalAtoms);
    double d2 = d * d;
    for (int i = 0; i < orbit.size(); i++) {
      double[] p = orbit.get(i);
      for (double[] q : placed) if (distance2(cell, p, q) < d2) return true;
      for (int j = i + 1; j < orbit.size(); j++) {
        double r2 = distance2(cell, p, orbit.get(j));
        if (r2 < d2 && r2 > 1e-10) return true; // coincident images are one atom, not a clash
      }
    }
    return false;
  }

  private double[][] provisionalCell(int totalAtoms) {
    double gamma = switch (group.crystalSystem()) {
      case HEXAGONAL, TRIGONAL -> Math.toRadians(120);
      default -> Math.PI / 2;
    };
    double length = Math.cbrt(totalAtoms * VOLUME_PER_ATOM / Math.sin(gamma));
    return new double[][] {{length, 0, 0}, {length * Math.cos(gamma), length * Math.sin(gamma), 0}, {0, 0, length}};
  }

  /** Squared minimum-image distance (exact for the orthogonal cells, close for 120°). */
  private static double distance2(double[][] cell, double[] p, double[] q) {
    double best = Double.POSITIVE_INFINITY;
    double[] f = new double[3];
    for (int i = 0; i < 3; i++) f[i] = p[i] - q[i] - Math.rint(p[i] - q[i]);
    for (int a = -1; a <= 1; a++) {
      for (int b = -1; b <= 1; b++) {
        double x = (f[0] + a) * cell[0][0] + (f[1] + b) * cell[1][0];
        double y = (f[0] + a) * cell[0][1] + (f[1] + b) * cell[1][1];
        double z = f[2] * cell[2][2];
        best = Math.min(best, x * x + y * y + z * z);
      }
    }
    return best;
  }
}
