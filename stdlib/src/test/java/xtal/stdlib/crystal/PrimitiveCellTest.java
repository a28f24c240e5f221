package xtal.stdlib.crystal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The primitive cell holds the conventional cell's atoms over its lattice points, in that fraction of its volume. */
class PrimitiveCellTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
    "rock salt F; 225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.64; 2",
    "calcite R; 167-a-C-b-Ca-e-O-0.257-X-4.99-17.07; 10",
    "CsCl P; 221-a-Cs-0-0-0-b-Cl-1/2-1/2-1/2-X-4.12; 2",
    "bcc I; 229-a-Fe-0-0-0-X-2.87; 1",
    "C2/m; 12-a-Al-0-0-0-i-O-0.1-0-0.3-X-5.1-3.2-6.4-90-104-90; 3",
    "Amm2; 38-a-Ti-0-0-0.1-b-O-1/2-0-0.3-X-3.9-5.5-5.6-90-90-90; 2",
  })
  void holdsTheAtomsOfOneLatticePoint(String name, String sentence, int atoms) {
    CheckResult r = SentenceChecker.check("t", sentence);
    assertThat(r.errors()).isEmpty();
    Crystal c = r.crystal().orElseThrow();
    PrimitiveCell p = PrimitiveCell.of(c);
    UnitCell conv = c.expand();
    assertThat(p.cell().count()).isEqualTo(atoms).isEqualTo(conv.count() / c.group().centring().latticePoints());
    assertThat(p.cell().volume() * c.group().centring().latticePoints()).isCloseTo(conv.volume(), offset(1e-6));
    assertThat(p.cell().composition().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(atoms);
    assertThat(p.cell().reducedFormula()).isEqualTo(conv.reducedFormula());
  }
}
