package xtal.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.property.data.CrystalSource;

/** Reading labelled crystals: the shared CSVs' shape, and every kind of bad row as a positioned error. */
class CrystalSourceTest {
  @TempDir Path tmp;

  @Test
  void readsCifRowsWithAnEmptyFirstHeaderAndMultiLineFields() throws IOException {
    Path csv = Slices.slice(Slices.data("crystals/carbon_24_test.csv"), tmp.resolve("c.csv"), i -> i < 20);
    CrystalSource.Read r = CrystalSource.read(csv, "energy_per_atom");
    assertThat(r.errors()).isEmpty();
    assertThat(r.entries()).hasSize(20);
    assertThat(r.entries()).allSatisfy(e -> assertThat(e.crystal().expand().composition().keySet()).extracting(x -> x.symbol()).containsOnly("C"));
    // each row's label is its own: the line numbers grow and the values vary
    assertThat(r.entries().get(1).line()).isGreaterThan(r.entries().get(0).line() + 10);
    assertThat(r.entries().stream().mapToDouble(CrystalSource.Entry::value).distinct().count()).isGreaterThan(10);
  }

  @Test
  void badRowsArePositionedAndTheOthersRead() throws IOException {
    Path csv = tmp.resolve("s.csv");
    Files.writeString(csv, """
        material_id,sentence,gap
        a,225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.6-5.6-5.6-90-90-90,1.5
        b,225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.6-5.6-5.6-90-90-90,n/a
        c,225-z-Na-0-0-0-X-5.6,2.0
        d,225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.7,2.5
        """);
    CrystalSource.Read r = CrystalSource.read(csv, "gap");
    assertThat(r.entries()).extracting(CrystalSource.Entry::id).containsExactly("a", "d");
    assertThat(r.entries()).extracting(CrystalSource.Entry::value).containsExactly(1.5, 2.5);
    assertThat(r.errors()).hasSize(2);
    assertThat(r.errors().get(0).format()).startsWith(csv + ":3").contains("column 'gap' must be a finite number, found 'n/a'");
    assertThat(r.errors().get(1).format()).startsWith(csv + ":4").contains("letter 'z'");
    assertThat(CrystalSource.read(csv, "heat").errors().get(0).message()).contains("no column 'heat'").contains("material_id,sentence,gap");
  }

  @Test
  void sentenceFilesSkipBlankAndCommentLines() throws IOException {
    Path f = tmp.resolve("x.sentences");
    Files.writeString(f, "# rock salt\n\n225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.6\n225-a-Na-0-0\n");
    CrystalSource.Read r = CrystalSource.read(f, null);
    assertThat(r.entries()).hasSize(1);
    assertThat(r.entries().get(0).line()).isEqualTo(3);
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).line()).isEqualTo(4);
  }
}
