package xtal.stdlib.symmetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import xtal.stdlib.io.cif.CifStructures;
import xtal.stdlib.io.cif.CsvCifSource;

/**
 * A structure given in a non-standard setting — shifted origin, permuted axes, a supercell, a
 * rotated cell — gives the same canonical sentence as the structure as given (real structures
 * from the shared collections, every group type among them). Sentences are compared with the
 * reference criteria (same group and sites, coordinates within 1e-3, lattice within 1e-3
 * relative), since transformed inputs carry rounding noise.
 */
class SettingInvarianceTest {

  static Path data() {
    String d = System.getenv("XTAL_DATA");
    return Path.of(d != null ? d : System.getProperty("xtal.data", "../../shared/data"));
  }

  /** The first structures of three shared collections. */
  static Stream<Arguments> structures() throws IOException {
    List<Arguments> out = new ArrayList<>();
    String[][] files = {{"mp20_val.csv", "60"}, {"perov_5_val.csv", "10"}, {"carbon_24_val.csv", "10"}};
    for (String[] f : files) {
      Path p = data().resolve("crystals").resolve(f[0]);
      List<CsvCifSource.Row> rows = CsvCifSource.read(p.toString(), Files.readString(p)).rows();
      for (CsvCifSource.Row r : rows.subList(0, Integer.parseInt(f[1]))) {
        Structure s = CifStructures.read(r.id(), r.cif(), r.cifLine()).get(0).structure();
        out.add(Arguments.of(f[0] + ":" + r.id(), s));
      }
    }
    return out.stream();
  }

  static StandardStructure standardize(Structure s) {
    return standardize(s, SymmetryFinder.Choice.CANONICAL);
  }

  static StandardStructure standardize(Structure s, SymmetryFinder.Choice choice) {
    try {
      return SymmetryFinder.standardize(s, SymmetryFinder.DEFAULT_SYMPREC, choice);
    } catch (SymmetryFinder.SymmetryException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("structures")
  void sameSentenceInEverySetting(String id, Structure s) {
    StandardStructure standard = standardize(s);
    String expected = standard.sentence();
    List<UnaryOperator<Structure>> transforms = new ArrayList<>(List.of(
        SettingInvarianceTest::permuteAxes,
        x -> supercell(x, new int[][] {{2, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
        x -> supercell(x, new int[][] {{1, 1, 0}, {-1, 1, 0}, {0, 0, 1}}),
        SettingInvarianceTest::rotate,
        x -> shift(x, new double[] {0.137, 0.461, 0.789}),
        x -> shift(x, new double[] {0.5, 0, 0.25})));
    for (UnaryOperator<Structure> t : transforms) {
      StandardStructure other = standardize(t.apply(s));
      assertThat(ReferenceComparison.compare(other, expected))
          .as("%s%n  as given:    %s%n  transformed: %s", id, expected, other.sentence())
          .isEqualTo(ReferenceComparison.Verdict.AGREE);
    }
  }

  /** (a, b, c) → (b, c, a), coordinates following. */
  static Structure permuteAxes(Structure s) {
    double[][] l = s.lattice();
    List<double[]> xs = new ArrayList<>();
    for (double[] x : s.positions()) xs.add(new double[] {x[1], x[2], x[0]});
    return new Structure(new double[][] {l[1], l[2], l[0]}, xs, s.species());
  }

  /** The cell with rows M · (a, b, c) (det M > 0), filled with the atoms it contains. */
  static Structure supercell(Structure s, int[][] m) {
    double[][] md = Mat.toDouble(m);
    double[][] lat = Mat.mul(md, s.lattice());
    double[][] inv = Mat.inverse(md);
    List<double[]> xs = new ArrayList<>();
    List<String> sp = new ArrayList<>();
    for (int a = 0; a < s.size(); a++)
      for (int i = -2; i <= 2; i++)
        for (int j = -2; j <= 2; j++)
          for (int k = -2; k <= 2; k++) {
            double[] x = s.positions().get(a);
            double[] old = {x[0] + i, x[1] + j, x[2] + k};
            double[] y = new double[3];
            for (int p = 0; p < 3; p++) for (int q = 0; q < 3; q++) y[q] += old[p] * inv[p][q];
            boolean inside = true;
            for (double v : y) inside &= v >= -1e-9 && v < 1 - 1e-9;
            if (inside) {
              xs.add(y);
              sp.add(s.species().get(a));
            }
          }
    assertThat(xs).hasSize(s.size() * Math.abs(Mat.det(m)));
    return new Structure(lat, xs, sp);
  }

  /** The whole cell rotated by 37° about (1, 2, 3): same fractional coordinates, new cartesian frame. */
  static Structure rotate(Structure s) {
    double[] u = {1, 2, 3};
    double n = Mat.norm(u);
    for (int i = 0; i < 3; i++) u[i] /= n;
    double t = Math.toRadians(37), c = Math.cos(t), si = Math.sin(t);
    double[][] q = {
      {c + u[0] * u[0] * (1 - c), u[0] * u[1] * (1 - c) - u[2] * si, u[0] * u[2] * (1 - c) + u[1] * si},
      {u[1] * u[0] * (1 - c) + u[2] * si, c + u[1] * u[1] * (1 - c), u[1] * u[2] * (1 - c) - u[0] * si},
      {u[2] * u[0] * (1 - c) - u[1] * si, u[2] * u[1] * (1 - c) + u[0] * si, c + u[2] * u[2] * (1 - c)}
    };
    double[][] lat = new double[3][];
    for (int i = 0; i < 3; i++) lat[i] = Mat.mul(q, s.lattice()[i]);
    return new Structure(lat, s.positions(), s.species());
  }

  /** Every atom moved by the same fractional vector. */
  static Structure shift(Structure s, double[] v) {
    List<double[]> xs = new ArrayList<>();
    for (double[] x : s.positions()) xs.add(Mat.wrap(Mat.add(x, v)));
    return new Structure(s.lattice(), xs, s.species());
  }
}
