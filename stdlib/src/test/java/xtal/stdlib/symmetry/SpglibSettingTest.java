package xtal.stdlib.symmetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The spglib choice ({@link SymmetryFinder.Choice#SPGLIB}) on real structures: a structure given
 * in the standard setting it produced comes back with the same sentence (spglib's standardization
 * is idempotent too), and so does the same cell rotated in space. Unlike the canonical choice it
 * is not invariant under origin shifts, axis permutations or supercells: spglib keeps the
 * description nearest the input's origin and axes, and so does this choice.
 */
class SpglibSettingTest {

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> structures() throws java.io.IOException {
    return SettingInvarianceTest.structures();
  }

  static StandardStructure standardize(Structure s) {
    return SettingInvarianceTest.standardize(s, SymmetryFinder.Choice.SPGLIB);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("structures")
  void theStandardSettingComesBackUnchanged(String id, Structure s) {
    StandardStructure standard = standardize(s);
    StandardStructure again = standardize(expand(standard));
    assertThat(ReferenceComparison.compare(again, standard.sentence()))
        .as("%s%n  first:  %s%n  again:  %s", id, standard.sentence(), again.sentence())
        .isEqualTo(ReferenceComparison.Verdict.AGREE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("structures")
  void aRotatedCellGivesTheSameSentence(String id, Structure s) {
    StandardStructure standard = standardize(s);
    StandardStructure rotated = standardize(SettingInvarianceTest.rotate(s));
    assertThat(ReferenceComparison.compare(rotated, standard.sentence()))
        .as("%s%n  as given: %s%n  rotated:  %s", id, standard.sentence(), rotated.sentence())
        .isEqualTo(ReferenceComparison.Verdict.AGREE);
  }

  /** The conventional cell of a standard structure, every atom of every orbit written out. */
  static Structure expand(StandardStructure st) {
    WyckoffTable.Group g = WyckoffTable.group(st.group());
    List<double[]> xs = new ArrayList<>();
    List<String> sp = new ArrayList<>();
    for (StandardStructure.Site site : st.sites())
      for (WyckoffTable.Op op : g.ops()) {
        double[] y = Mat.wrap(Mat.add(Mat.mul(op.rot(), site.xyz()), op.trans()));
        boolean dup = false;
        for (double[] x : xs) {
          double[] d = Mat.wrapCentered(Mat.sub(x, y));
          dup |= Math.abs(d[0]) + Math.abs(d[1]) + Math.abs(d[2]) < 1e-4;
        }
        if (!dup) {
          xs.add(y);
          sp.add(site.element());
        }
      }
    double[] p = st.lattice();
    return Structure.fromParameters(p[0], p[1], p[2], p[3], p[4], p[5], xs, sp);
  }
}
