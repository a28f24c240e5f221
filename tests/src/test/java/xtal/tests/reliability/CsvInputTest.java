package xtal.tests.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.cli.Xtalc;
import xtal.tests.Cli.Result;

/**
 * Every command reads "sentences, or a CSV with a sentence (or cif) column" through one RFC 4180
 * reader: quoted headers, any header case, an empty first header (pandas' index), multi-line
 * quoted fields, and a CSV without the column is an error — never its header read as a sample.
 */
class CsvInputTest {
  @TempDir Path dir;

  static final String NACL = "225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-5.64";
  static final String CSCL = "221-a-Cs-0-0-0-b-Cl-0.5-0.5-0.5-X-4.12";

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void pandasAndPythonCsvsAreReadByEveryCommand() throws Exception {
    List<Path> files = List.of(
        write("quoted.csv", "\"material_id\",\"Sentence\"\r\n\"mp-1\",\"" + NACL + "\"\r\n\"mp-2\",\"" + CSCL + "\"\r\n"),
        write("pandas.csv", ",material_id,note,sentence\n0,mp-1,\"two\nlines, and a comma\",\"" + NACL + "\"\n1,mp-2,plain," + CSCL + "\n"),
        write("upper.csv", "ID,SENTENCE\nmp-1," + NACL + "\nmp-2," + CSCL + "\n"));
    for (Path f : files) {
      Result check = xtalc("check", f.toString());
      assertThat(check.code()).as(f + ": " + check.out()).isZero();
      assertThat(check.out().lines()).as(f.toString()).hasSize(2).allMatch(l -> l.startsWith("ok  "));
      Result match = xtalc("match", "-c", "{cubic}-(?-?-?-?-?)+-X-?", f.toString());
      assertThat(match.out().strip()).as(f.toString()).isEqualTo("2");
      Result cif = xtalc("cif", f.toString(), "-o", dir.resolve("cif-" + f.getFileName()).toString());
      assertThat(cif.code()).as(cif.err()).isZero();
      assertThat(dir.resolve("cif-" + f.getFileName()).resolve("mp-1.cif")).as("named by the id column").exists();
      Result eval = xtalc("eval", f.toString(), "--train", f.toString(), "--reference", "none");
      assertThat(eval.code()).as(f + ": " + eval.err()).isZero();
      assertThat(eval.out()).contains("2");
    }
  }

  @Test
  void anErrorInAMultiLineCsvPointsAtItsLineAndColumn() throws Exception {
    Path f = write("multi.csv", "id,note,sentence\nmp-1,\"a\nb\",225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-0\n");
    Result r = xtalc("check", f.toString());
    assertThat(r.code()).isEqualTo(Xtalc.DATA_ERROR);
    // the sentence starts at column 4 of line 3; its lattice length at column 35 of the sentence
    assertThat(r.out()).contains(f + ":3:38: lattice length a must be positive, found 0");
  }

  @Test
  void aCsvWithoutTheColumnIsAnErrorNotSamples() throws Exception {
    Path f = write("nocol.csv", "material_id,formula\nmp-1,NaCl\nmp-2,CsCl\n");
    Result check = xtalc("check", f.toString());
    assertThat(check.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(check.out()).contains(f + ":1: the CSV header has no 'sentence' column: material_id,formula");
    Result eval = xtalc("eval", f.toString(), "--train", "none", "--reference", "none");
    assertThat(eval.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(eval.err()).contains("has no 'sentence' or 'cif' column");
    Path good = write("good.sentences", NACL + "\n" + CSCL + "\n");
    Result train = xtalc("eval", good.toString(), "--train", f.toString(), "--reference", "none");
    assertThat(train.code()).as("a training set without the column: no 100 % novelty").isEqualTo(Xtalc.DATA_ERROR);
    assertThat(train.err()).contains(f.toString()).contains("has no 'sentence' or 'cif' column");
    Path allBad = write("allbad.csv", "id,sentence\nmp-1,225-q\n");
    Result none = xtalc("eval", good.toString(), "--train", allBad.toString(), "--reference", "none");
    assertThat(none.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(none.err()).contains("no training crystal could be read");
    Result score = xtalc("score", f.toString(), "--baseline", MetricsTestData.mini().toString());
    assertThat(score.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(score.err()).contains("has no 'sentence' column");
  }

  @Test
  void evalOutputMustBeNamed() throws Exception {
    Path good = write("g.sentences", NACL + "\n");
    Result r = xtalc("eval", good.toString(), "--train", "none", "--reference", "none", "-o", "");
    assertThat(r.code()).isEqualTo(Xtalc.USAGE);
    assertThat(r.err()).contains("--output needs a directory name");
  }

  @Test
  void oneBadBaselineRowNeverMakesScoresNaN() throws Exception {
    List<String> rows = Files.readAllLines(MetricsTestData.mini());
    Path train = write("train.csv", String.join("\n", rows) + "\n999,225,1,1,225-a-Na-0-0-0-X-0\n");
    Path f = write("s.sentences", NACL + "\n" + CSCL + "\n");
    Result r = xtalc("score", f.toString(), "--baseline", train.toString());
    assertThat(r.out()).doesNotContain("NaN").doesNotContain("Infinity");
    assertThat(r.err()).contains(train + ":" + (rows.size() + 1) + ":");
    if (r.code() == Xtalc.OK) assertThat(r.out()).contains("mean NLL:");
    else assertThat(r.code()).isEqualTo(Xtalc.DATA_ERROR);
  }

  /** The shared mini sentences file. */
  static final class MetricsTestData {
    static Path mini() {
      String d = System.getProperty("xtal.data", System.getenv().getOrDefault("XTAL_DATA", "../../shared/data"));
      return Path.of(d).resolve("crystals").resolve("mini.sentences.csv");
    }
  }
}
