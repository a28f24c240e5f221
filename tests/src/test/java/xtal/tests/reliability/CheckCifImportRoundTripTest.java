package xtal.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.cli.Xtalc;
import xtal.stdlib.symmetry.ReferenceComparison;
import xtal.stdlib.symmetry.Importer;
import xtal.tests.Cli.Result;

/**
 * The rule for hostile sentences: whatever {@code check} accepts, {@code cif} writes and {@code
 * import} reads back to the same crystal (the same sentence, or an equivalent description of it);
 * whatever it cannot, {@code check} and {@code cif} refuse with exit 65 and the field named.
 */
class CheckCifImportRoundTripTest {
  @TempDir Path dir;

  static final String HUGE = "1" + "0".repeat(400);

  /** Sentences check must refuse, with a word of the message that names what is wrong. */
  static final List<String[]> REFUSED = List.of(
      new String[] {"225-a-La-0-0-0-X-" + HUGE, "has more than 18 digits"},
      new String[] {"225-a-La-0-0-0-X-0.000000000000001", "lattice length a must lie in 0.5..10000 Å"},
      new String[] {"225-a-La-0-0-0-X-100000", "lattice length a must lie in 0.5..10000 Å"},
      new String[] {"2-a-La-0-0-0-X-3-4-5-90-" + HUGE + "-90", "has more than 18 digits"},
      new String[] {"225-X-5.1", "no atoms"},
      new String[] {"225-a-Na-0-0-0-e-Cl-0-0-0-X-5.6", "two atoms cannot share a point"},
      new String[] {"225-a-La-e-H-0-X-5.1", "two atoms cannot share a point"},
      new String[] {"1-a-Na-0.1-0.2-0.3-a-Cl-0.10000001-0.2-1.3-X-3-4-5-90-90-90", "two atoms cannot share a point"});

  /** Edge cases check accepts: each must survive cif → import. */
  static final List<String> ACCEPTED = List.of(
      "225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-0.5",
      "225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-10000",
      "221-a-Cs-0-0-0-b-Cl-0.5-0.5-0.5-X-4.1",
      "1-a-Na-0.1-0.2-0.3-a-Cl-0.37-0.61-0.83-X-3.1-4.2-5.3-81-87-95",
      "194-c-Ga-1/3-2/3-1/4-d-N-1/3-2/3-3/4-X-3.19-5.19");

  @Test
  void checkRefusesWhatIsNoCrystalNamingTheField() throws Exception {
    for (String[] c : REFUSED) {
      Path f = Files.writeString(dir.resolve("bad.txt"), c[0] + "\n");
      Result check = xtalc("check", f.toString());
      assertThat(check.code()).as(c[0]).isEqualTo(Xtalc.DATA_ERROR);
      assertThat(check.out()).as(c[0]).startsWith(f + ":1:").contains(c[1]);
      Result cif = xtalc("cif", f.toString(), "-o", dir.resolve("cif").toString());
      assertThat(cif.code()).as(c[0]).isEqualTo(Xtalc.DATA_ERROR);
      assertThat(cif.err()).contains(c[1]);
      try (var files = Files.list(dir.resolve("cif"))) {
        assertThat(files.toList()).as("nothing written for " + c[0]).isEmpty();
      }
    }
  }

  @Test
  void whatCheckAcceptsCifWritesAndImportReadsBack() throws Exception {
    Path f = Files.writeString(dir.resolve("good.txt"), String.join("\n", ACCEPTED) + "\n");
    Result check = xtalc("check", f.toString());
    assertThat(check.code()).as(check.out()).isZero();
    for (String format : List.of("cif", "poscar")) {
      Path out = dir.resolve(format);
      Result cif = xtalc("cif", f.toString(), "-o", out.toString(), "--format", format);
      assertThat(cif.code()).as(cif.err()).isZero();
      for (int line = 1; line <= ACCEPTED.size(); line++) {
        Path file = out.resolve("good-" + line + (format.equals("cif") ? ".cif" : ".vasp"));
        String text = Files.readString(file);
        assertThat(text).doesNotContain("Infinity").doesNotContain("NaN");
        List<Importer.Imported> back = Importer.importText(file.toString(), text, Importer.detect(file.getFileName().toString(), text),
            new Importer.Options(1e-3, Importer.Options.DEFAULT.choice()));
        // the reference form (full coordinates and lattice), which the comparison reads
        String sentence = xtal.stdlib.crystal.SentenceChecker.check("t", ACCEPTED.get(line - 1)).crystal().orElseThrow().canonicalSentence();
        assertThat(back).as(sentence).hasSize(1);
        assertThat(back.getFirst().errors()).as(sentence).isEmpty();
        assertThat(ReferenceComparison.compare(back.getFirst().structure(), sentence)).as(sentence + " → " + back.getFirst().sentence())
            .isIn(ReferenceComparison.Verdict.AGREE, ReferenceComparison.Verdict.EQUIVALENT);
      }
    }
  }
}
