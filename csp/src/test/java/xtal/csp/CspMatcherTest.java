package xtal.csp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import xtal.eval.StructureMatcher;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.data.Csv;

/** The benchmark's matcher ({@link StructureMatcher#rms} with DiffCSP's tolerances) on real perovskites. */
class CspMatcherTest {
  static final StructureMatcher M = new StructureMatcher(CspBenchmark.TOLERANCES);

  static List<UnitCell> mini() throws Exception {
    Path data = Path.of(System.getProperty("xtal.data", "../../shared/data"));
    List<String> lines = Files.readAllLines(data.resolve("crystals/mini.sentences.csv"));
    List<UnitCell> cells = new ArrayList<>();
    for (String l : lines.subList(1, lines.size())) cells.add(SentenceChecker.check("mini", Csv.split(l).get(4)).crystal().orElseThrow().expand());
    return cells;
  }

  /** Every atom moved by up to {@code amp} (fractional), then the whole cell translated. */
  static UnitCell jiggle(UnitCell c, double amp, long seed) {
    Random r = new Random(seed);
    double[] t = {r.nextDouble(), r.nextDouble(), r.nextDouble()};
    List<Atom> atoms = new ArrayList<>();
    for (Atom a : c.atoms()) {
      double[] x = a.xyz();
      atoms.add(new Atom(a.element(), UnitCell.wrap(x[0] + t[0] + amp * (r.nextDouble() - 0.5)), UnitCell.wrap(x[1] + t[1] + amp * (r.nextDouble() - 0.5)),
          UnitCell.wrap(x[2] + t[2] + amp * (r.nextDouble() - 0.5)), a.site()));
    }
    return new UnitCell(c.lattice(), atoms);
  }

  @Test
  void aCrystalMatchesItselfTranslatedWithZeroRmsAndAJiggledCopyWithASmallOne() throws Exception {
    for (UnitCell c : mini()) {
      var p = StructureMatcher.prepare(c);
      assertThat(M.rms(p, StructureMatcher.prepare(jiggle(c, 0, 1))).orElseThrow()).as(c.formula()).isLessThan(1e-6);
      double small = M.rms(p, StructureMatcher.prepare(jiggle(c, 0.02, 2))).orElseThrow();
      double larger = M.rms(p, StructureMatcher.prepare(jiggle(c, 0.08, 2))).orElse(Double.POSITIVE_INFINITY);
      assertThat(small).as(c.formula()).isGreaterThan(0).isLessThan(0.05);
      assertThat(larger).as(c.formula()).isGreaterThan(small);
    }
  }

  @Test
  void differentCompositionsOrSwappedSitesDoNotMatch() throws Exception {
    List<UnitCell> cells = mini();
    var a = StructureMatcher.prepare(cells.get(0));
    var b = StructureMatcher.prepare(cells.get(1));
    assertThat(M.rms(a, b)).isEmpty();
    // rock salt vs caesium chloride: same formula, different crystal
    var nacl = StructureMatcher.prepare(SentenceChecker.check("t", "225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-5.6-5.6-5.6-90-90-90").crystal().orElseThrow().expand());
    var cscl = StructureMatcher.prepare(SentenceChecker.check("t", "221-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-3.5-3.5-3.5-90-90-90").crystal().orElseThrow().expand());
    assertThat(M.rms(nacl, cscl)).isEmpty();
    assertThat(M.rms(nacl, nacl)).isPresent();
  }
}
