package xtal.stdlib.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * spglib's Hall-symbol origin arithmetic ({@link HallOrigin}): its tables are what they claim to
 * be, and the shift it finds moves a displaced structure's operations back onto the table's.
 */
class HallOriginTest {

  /**
   * Every generator set of every group's class and centring carries a generalized inverse of its
   * stacked (R' − I) in the primitive basis (M V M = M): a wrong entry of the transcribed tables
   * fails here.
   */
  @Test
  void everyGeneratorSetHasAGeneralizedInverse() {
    int checked = 0;
    for (int n = 1; n <= 230; n++) {
      WyckoffTable.Group g = WyckoffTable.group(n);
      List<HallOrigin.GeneratorSet> sets = HallOrigin.sets(g);
      assertThat(sets).as("group %d", n).isNotEmpty();
      double[][] c = HallOrigin.centringMatrix(g.centring()), cinv = Mat.inverse(c);
      for (HallOrigin.GeneratorSet set : sets) {
        double[][] m = new double[9][3];
        for (int k = 0; k < 3; k++) {
          int[][] r = set.rotations().get(k);
          if (r == null) continue;
          double[][] rp = Mat.mul(Mat.mul(c, Mat.toDouble(r)), cinv);
          for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) m[3 * k + i][j] = rp[i][j] - (i == j ? 1 : 0);
        }
        double[][] mvm = multiply(multiply(m, set.inverse()), m);
        for (int i = 0; i < 9; i++)
          for (int j = 0; j < 3; j++) assertThat(mvm[i][j]).as("group %d", n).isCloseTo(m[i][j], within(1e-9));
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(230);
  }

  /**
   * Pmmn (origin choice 2) displaced to near its choice-1 origin (¼, ¼, 0), a little off either
   * way as relaxed structures are: spglib takes the generators' translation differences into
   * [0, 1), and so gives minus the displacement, (¾, ¾, 0) up to the noise, whichever side of ¼
   * each coordinate lies; reduced into [−½, ½) instead, the side would pick (¼ or ¾) per
   * coordinate, both valid origins (inversion centres) but not spglib's.
   */
  @Test
  void pmmnDisplacedNearItsChoiceOneOriginComesBackAtMinusTheDisplacement() {
    WyckoffTable.Group g = WyckoffTable.group(59);
    double[] s = shiftOfDisplaced(g, new double[] {0.2503, 0.2497, 0}, lattice(4.1, 9.8, 6.7, 90));
    assertThat(s).containsExactly(new double[] {0.7497, 0.7503, 0}, within(1e-9));
  }

  /** For displaced structures of centred groups the shift restores every operation's translation. */
  @Test
  void theShiftRestoresTheTablesTranslations() {
    double[] d = {0.137, 0.291, 0.413};
    for (int n : new int[] {12, 15, 63, 38, 44, 70, 74, 69, 123, 221}) {
      WyckoffTable.Group g = WyckoffTable.group(n);
      double[][] lat = n < 16 ? lattice(9.1, 5.8, 5.4, 117.9) : n < 75 ? lattice(4.1, 9.8, 6.7, 90)
          : n < 195 ? lattice(4.4, 4.4, 13.9, 90) : lattice(5.1, 5.1, 5.1, 90);
      double[] s = shiftOfDisplaced(g, d, lat);
      assertThat(s).as("group %d", n).isNotNull();
      for (WyckoffTable.Op op : g.ops()) {
        // the displaced operation's translation, moved by s, is the table's up to a lattice vector
        double[] t = displaced(op, d);
        double[] back = Mat.add(t, Mat.sub(s, Mat.mul(op.rot(), s)));
        double[] diff = Mat.wrapCentered(Mat.sub(back, op.trans()));
        boolean centring = false;
        for (double[] c : g.centrings()) centring |= Mat.norm(Mat.wrapCentered(Mat.sub(diff, c))) < 1e-9;
        assertThat(centring).as("group %d, operation %s: %s", n, op, java.util.Arrays.toString(diff)).isTrue();
      }
    }
  }

  /** The operations of g in coordinates whose origin lies at −d (x' = x + d), and HallOrigin's shift for them. */
  private static double[] shiftOfDisplaced(WyckoffTable.Group g, double[] d, double[][] lat) {
    List<int[][]> rots = new ArrayList<>();
    List<double[]> trans = new ArrayList<>();
    for (WyckoffTable.Op op : g.ops()) {
      rots.add(op.rot());
      trans.add(displaced(op, d));
    }
    int[][] identity = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    return HallOrigin.shift(g, identity, rots, trans, lat, 0.01);
  }

  private static double[] displaced(WyckoffTable.Op op, double[] d) {
    return Mat.add(op.trans(), Mat.sub(d, Mat.mul(op.rot(), d)));
  }

  /** Rows a, b, c (Å) of a cell with α = γ = 90° and the given β. */
  private static double[][] lattice(double a, double b, double c, double beta) {
    double r = Math.toRadians(beta);
    return new double[][] {{a, 0, 0}, {0, b, 0}, {c * Math.cos(r), 0, c * Math.sin(r)}};
  }

  private static double[][] multiply(double[][] a, double[][] b) {
    double[][] r = new double[a.length][b[0].length];
    for (int i = 0; i < a.length; i++)
      for (int j = 0; j < b[0].length; j++)
        for (int k = 0; k < b.length; k++) r[i][j] += a[i][k] * b[k][j];
    return r;
  }
}
