package xtal.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import xtal.model.Layout;
import xtal.model.ModelConfig;
import xtal.model.TensorFlowNatives;
import xtal.models.nn.Network;
import xtal.models.seq.Batch;

/** The likelihood graph on a case computed by hand (in double precision, with I0 from its series). */
class LossTest {
  static double besselI0(double k) {
    double sum = 1, term = 1;
    for (int m = 1; m < 500; m++) {
      term *= (k / 2) * (k / 2) / ((double) m * m);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return sum;
  }

  @Test
  void handComputedCase() {
    TensorFlowNatives.load();
    int k = 2, m = 2, t = 4;
    // position 0: letter, 1: element, 2: coordinate, 3: lattice
    float[][][] letter = new float[1][t][Layout.LETTER_CLASSES];
    letter[0][0][0] = 1f;
    letter[0][0][1] = 2f;
    letter[0][0][2] = 3f; // masked out below
    float[][][] letterMask = new float[1][t][Layout.LETTER_CLASSES];
    for (int c = 0; c < Layout.LETTER_CLASSES; c++) if (c != 0 && c != 1 && c != Layout.END_CLASS) letterMask[0][0][c] = Batch.MASKED;
    float[][][] element = new float[1][t][Layout.ELEMENT_CLASSES];
    element[0][1][7] = 1.5f; // oxygen
    float[][][] elementMask = new float[1][t][Layout.ELEMENT_CLASSES];
    float[][][] cw = {{{0, 0}, {0, 0}, {(float) Math.log(0.3), (float) Math.log(0.7)}, {0, 0}}};
    float[][][] cloc = {{{0, 0}, {0, 0}, {0.5f, 2.0f}, {0, 0}}};
    float[][][] ckappa = {{{1, 1}, {1, 1}, {2.0f, 10.0f}, {1, 1}}};
    float[][][] lw = {{{0, 0}, {0, 0}, {0, 0}, {(float) Math.log(0.4), (float) Math.log(0.6)}}};
    float[][][] lmean = {{{0, 0}, {0, 0}, {0, 0}, {1.0f, 2.0f}}};
    float[][][] lstd = {{{1, 1}, {1, 1}, {1, 1}, {0.5f, 0.3f}}};
    int[][] target = {{1, 7, 0, 0}};
    float[][] value = {{0, 0, 0.3f, 1.7f}};
    float[][] jac = {{0, 0, 0, -0.4f}};
    float[][][] kind = {{{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}};

    double eLetter = -(2 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0)));
    double eElement = -(1.5 - Math.log(117 + Math.exp(1.5)));
    double theta = 2 * Math.PI * 0.3;
    double eCoord =
        -Math.log(0.3 * Math.exp(2.0 * Math.cos(theta - 0.5)) / besselI0(2.0) + 0.7 * Math.exp(10.0 * Math.cos(theta - 2.0)) / besselI0(10.0));
    double eLattice =
        -(Math.log(0.4 * gauss(1.7, 1.0, 0.5) + 0.6 * gauss(1.7, 2.0, 0.3)) - 0.4);

    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, new ModelConfig(8, 1, 2, 2, 8, 0, k, m), 1, false);
      Network.Heads h =
          new Network.Heads(tf.constant(letter), tf.constant(element), tf.constant(cw), tf.constant(cloc), tf.constant(ckappa),
              tf.constant(lw), tf.constant(lmean), tf.constant(lstd));
      Network.Targets tg =
          new Network.Targets(tf.constant(target), tf.constant(value), tf.constant(jac), tf.constant(kind), tf.constant(letterMask), tf.constant(elementMask));
      Operand<TFloat32> nll = net.nll(h, tg);
      try (Result r = s.runner().fetch(nll).run()) {
        float[] got = XtalModel.floats((TFloat32) r.get(0), 4);
        assertThat((double) got[0]).isCloseTo(eLetter, offset(1e-5));
        assertThat((double) got[1]).isCloseTo(eElement, offset(1e-4));
        assertThat((double) got[2]).isCloseTo(eCoord, offset(1e-4));
        assertThat((double) got[3]).isCloseTo(eLattice, offset(1e-4));
      }
    }
  }

  static double gauss(double x, double mu, double sd) {
    double z = (x - mu) / sd;
    return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
  }

  @Test
  void logBesselI0MatchesSeries() {
    TensorFlowNatives.load();
    float[] kappas = {0.0f, 0.01f, 0.5f, 1f, 3.7f, 3.75f, 3.8f, 10f, 50f, 200f, 1000f};
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> out = Network.logBesselI0(tf, tf.constant(kappas));
      try (Result r = s.runner().fetch(out).run()) {
        float[] got = XtalModel.floats((TFloat32) r.get(0), kappas.length);
        for (int i = 0; i < kappas.length; i++) {
          double k = kappas[i];
          // large κ: ln I0 = κ − ½ ln(2πκ) + ln(1 + 1/(8κ) + 9/(128κ²) + …)
          double want = k < 100 ? Math.log(besselI0(k)) : k - 0.5 * Math.log(2 * Math.PI * k) + Math.log1p(1 / (8 * k) + 9 / (128 * k * k));
          assertThat((double) got[i]).as("ln I0(" + k + ")").isCloseTo(want, offset(1e-6 + 2e-7 * Math.abs(want)));
        }
      }
    }
  }

}
