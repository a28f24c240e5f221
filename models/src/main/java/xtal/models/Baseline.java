package xtal.models;

import java.util.List;
import xtal.model.Layout;
import xtal.models.seq.Encoded;
import xtal.stdlib.spacegroup.SpaceGroups;

/**
 * A reference model that ignores the sequence: per space group, the frequencies of letters/END and
 * of elements in the training set (add-one smoothed, renormalised over the classes the same masks
 * allow); coordinates uniform on [0, 1) (NLL 0); each free lattice parameter a Gaussian per crystal
 * system in the model's units (lengths / atoms^(1/3), angles / 90°), with the same Jacobian. The
 * transformer must beat it clearly; its NLL is in the same nats per crystal.
 */
public final class Baseline {
  private final double[][] letters = new double[231][Layout.LETTER_CLASSES];
  private final double[][] elements = new double[231][Layout.ELEMENT_CLASSES];
  private final double[][] mean = new double[7][6], std = new double[7][6];

  private Baseline() {}

  /** Fits the frequencies and Gaussians on training crystals. */
  public static Baseline fit(List<Encoded> train) {
    Baseline b = new Baseline();
    for (double[] row : b.letters) java.util.Arrays.fill(row, 1);
    for (double[] row : b.elements) java.util.Arrays.fill(row, 1);
    double[][] n = new double[7][6], s = new double[7][6], ss = new double[7][6];
    for (Encoded e : train) {
      int sys = system(e.group());
      for (int t = 0; t < e.length(); t++) {
        switch (e.kind()[t]) {
          case Layout.KIND_LETTER -> b.letters[e.group()][e.target()[t]]++;
          case Layout.KIND_ELEMENT -> b.elements[e.group()][e.target()[t]]++;
          case Layout.KIND_LATTICE -> {
            int i = e.next()[t] - Layout.NEXT_LATTICE;
            n[sys][i]++;
            s[sys][i] += e.value()[t];
            ss[sys][i] += (double) e.value()[t] * e.value()[t];
          }
          default -> {}
        }
      }
    }
    for (int c = 0; c < 7; c++)
      for (int i = 0; i < 6; i++) {
        double m = n[c][i] > 0 ? s[c][i] / n[c][i] : (i < 3 ? 2.5 : 1.0);
        double v = n[c][i] > 1 ? ss[c][i] / n[c][i] - m * m : 1.0;
        b.mean[c][i] = m;
        b.std[c][i] = Math.sqrt(Math.max(v, 1e-6));
      }
    return b;
  }

  private static int system(int group) {
    return SpaceGroups.get(group).crystalSystem().ordinal();
  }

  /** NLL of one crystal by kind (letter, element, coordinate, lattice), nats. */
  public double[] nll(Encoded e) {
    double[] out = new double[Layout.KINDS.size()];
    int sys = system(e.group());
    for (int t = 0; t < e.length(); t++) {
      switch (e.kind()[t]) {
        case Layout.KIND_LETTER -> {
          double z = 0;
          for (int c = 0; c < Layout.LETTER_CLASSES; c++) if ((e.letterAllowed()[t] >>> c & 1) != 0) z += letters[e.group()][c];
          out[Layout.KIND_LETTER] -= Math.log(letters[e.group()][e.target()[t]] / z);
        }
        case Layout.KIND_ELEMENT -> {
          double z = 0;
          for (int c = 0; c < Layout.ELEMENT_CLASSES; c++)
            if ((e.elementAllowed()[2 * t + (c >> 6)] >>> (c & 63) & 1) != 0) z += elements[e.group()][c];
          out[Layout.KIND_ELEMENT] -= Math.log(elements[e.group()][e.target()[t]] / z);
        }
        case Layout.KIND_LATTICE -> {
          int i = e.next()[t] - Layout.NEXT_LATTICE;
          double zz = (e.value()[t] - mean[sys][i]) / std[sys][i];
          out[Layout.KIND_LATTICE] -= -0.5 * zz * zz - Math.log(std[sys][i]) - 0.5 * Math.log(2 * Math.PI) + e.jacobian()[t];
        }
        default -> {} // coordinates: uniform density 1 on [0, 1)
      }
    }
    return out;
  }
}
