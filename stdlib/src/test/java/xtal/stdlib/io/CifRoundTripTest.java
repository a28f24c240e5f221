package xtal.stdlib.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.io.cif.CifStructures;
import xtal.stdlib.testing.TestSentences;

/** CIFs written for 1,000 shared structures read back (by the importer's CIF reader) to the same atoms within 1e-4. */
class CifRoundTripTest {

  @Test
  void thousandSharedStructuresRoundTripWithSymmetryAndInP1() {
    List<TestSentences.Row> rows = TestSentences.sharedSentences();
    int step = rows.size() / 1000;
    List<String> failures = new ArrayList<>();
    int n = 0;
    for (int k = 0; k < 1000; k++) {
      TestSentences.Row r = rows.get(k * step);
      Crystal c = SentenceChecker.check(r.file(), TestSentences.parse(r.sentence())).crystal().orElseThrow();
      UnitCell expected = c.expand();
      assertThat(expected.count()).isEqualTo(r.natoms());
      for (String cif : List.of(CifWriter.write(r.materialId(), c), CifWriter.writeP1(r.materialId(), c))) {
        List<CifStructures.Read> read = CifStructures.read(r.materialId() + ".cif", cif, 1);
        if (read.size() != 1 || read.get(0).structure() == null || !read.get(0).diagnostics().isEmpty()) {
          failures.add(r.materialId() + ": " + (read.isEmpty() ? "no block" : read.get(0).diagnostics()));
          continue;
        }
        String diff = difference(expected, read.get(0).structure().toCell());
        if (diff != null) failures.add(r.materialId() + ": " + diff + "\n" + cif);
      }
      n++;
    }
    assertThat(n).isEqualTo(1000);
    assertThat(failures).as("first: %s", failures.stream().limit(3).toList()).isEmpty();
  }

  /** Null when both cells hold the same atoms (same element, fractional position within 1e-4 mod 1) and lattice. */
  static String difference(UnitCell a, UnitCell b) {
    double[] pa = a.lattice().parameters(), pb = b.lattice().parameters();
    for (int i = 0; i < 6; i++) if (Math.abs(pa[i] - pb[i]) > 1e-6) return "lattice differs";
    if (a.count() != b.count()) return a.count() + " atoms, read back " + b.count();
    for (Atom x : a.atoms())
      if (b.atoms().stream().noneMatch(y -> y.element().equals(x.element()) && UnitCell.samePoint(x.xyz(), y.xyz(), 1e-4)))
        return "atom " + x + " not found";
    return null;
  }

  @Test
  void poscarListsSpeciesInFormulaOrder() {
    Crystal c = SentenceChecker.check("t", "225-a-La-0-0-0-c-H-1/4-1/4-1/4-f-H-0.375-0.375-0.375-X-5.1").crystal().orElseThrow();
    String poscar = PoscarWriter.write("LaH10", c);
    List<String> lines = poscar.lines().toList();
    assertThat(lines.get(1)).isEqualTo("1.0");
    assertThat(lines.get(5).strip()).isEqualTo("La  H");
    assertThat(lines.get(6).strip()).isEqualTo("4  40");
    assertThat(lines.get(7)).isEqualTo("Direct");
    assertThat(lines).hasSize(8 + 44);
  }
}
