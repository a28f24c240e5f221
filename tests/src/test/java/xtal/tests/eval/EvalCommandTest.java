package xtal.tests.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.tests.Cli.Result;
import xtal.cli.Xtalc;

/** {@code xtalc eval} end to end: the table, report.md and its figures, usage errors. */
class EvalCommandTest {

  @TempDir Path dir;

  static double percent(String table, String metric) {
    Matcher m = Pattern.compile(Pattern.quote(metric) + "\\s+(\\d+\\.\\d+) %").matcher(table);
    assertThat(m.find()).as(metric + " in\n" + table).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void evaluatesSentencesAndWritesAReportWithFigures() throws IOException {
    List<String> val = Files.readAllLines(MetricsTest.crystals("mp20_val.sentences.csv"));
    // samples: 40 validation sentences, one of them twice, one broken line
    List<String> samples = new ArrayList<>();
    for (int i = 1; i <= 40; i++) samples.add(val.get(i).substring(val.get(i).lastIndexOf(',') + 1));
    samples.add(samples.get(3));
    samples.add("225-a-Na-0-0-0-b-Xx-0.5-0.5-0.5-X-5.64");
    Path file = dir.resolve("s.sentences");
    Files.write(file, samples);
    // the training set holds the first 20 of them; the reference the next 300 validation crystals
    Path train = dir.resolve("train.csv"), ref = dir.resolve("ref.csv");
    Files.write(train, val.subList(0, 21));
    List<String> r300 = new ArrayList<>(List.of(val.get(0)));
    r300.addAll(val.subList(100, 400));
    Files.write(ref, r300);
    Path out = dir.resolve("report");
    Result r = xtalc("eval", file.toString(), "--train", train.toString(), "--reference", ref.toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(Xtalc.OK);
    assertThat(r.err()).contains(file + ":42:");
    assertThat(percent(r.out(), "structural validity")).isEqualTo(100.0 * 41 / 42, org.assertj.core.api.Assertions.within(0.01));
    assertThat(r.out()).contains("(41/42)");
    // 40 distinct crystals among 41 built; 20 of them in the training set (the repeat is one of those)
    assertThat(r.out()).containsPattern("unique \\(structure matcher\\)\\s+97\\.56 % \\(40/41\\)");
    assertThat(r.out()).containsPattern("novel \\(structure matcher\\)\\s+48\\.78 % \\(20/41\\)");
    assertThat(r.out()).contains("density W1").contains("space-group total variation");
    String md = Files.readString(out.resolve("report.md"));
    assertThat(md).contains("| structural validity |").contains("87.4 %").contains("## Elements").contains("![lattice](lattice.png)");
    assertThat(md).contains("Xx");
    for (String png : List.of("spacegroups.png", "elements.png", "density.png", "lattice.png")) {
      BufferedImage img = ImageIO.read(out.resolve(png).toFile());
      assertThat(img).as(png).isNotNull();
      assertThat(img.getWidth()).isGreaterThan(400);
    }
  }

  /**
   * The compositional figure is SMACT's by default and only then set beside CrystalFormer's; the
   * older ICSD-table variant is named as such and gets no published figure; the element table
   * counts every built sample, the invalid ones included.
   */
  @Test
  void compositionalValidityIsSmactsAndTheElementTableCountsEverySample() throws IOException {
    Path f = dir.resolve("c.sentences");
    // NaCl is valid; RbBr2 (Br on 8c) builds and is structurally valid but cannot balance; ClF
    // (rock salt) is valid for SMACT (Cl +1) but not with the ICSD table (Cl −1 only)
    Files.writeString(f, String.join("\n", MetricsTest.NACL, "225-a-Rb-0-0-0-c-Br-1/4-1/4-1/4-X-6.9",
        "225-a-Cl-0-0-0-b-F-1/2-1/2-1/2-X-4.6") + "\n");
    Path out = dir.resolve("creport");
    Result smact = xtalc("eval", f.toString(), "--train", "none", "--reference", MetricsTest.crystals("mini.sentences.csv").toString(),
        "-o", out.toString());
    assertThat(smact.code()).as(smact.err()).isEqualTo(Xtalc.OK);
    assertThat(smact.out()).containsPattern("compositional validity \\(SMACT\\)\\s+66\\.67 % \\(2/3\\)\\s+samples; CrystalFormer 82\\.4 %");
    String md = Files.readString(out.resolve("report.md"));
    assertThat(md).contains("every built sample, valid or not").contains("| Rb | 33.3 % |").contains("| Br | 33.3 % |");
    Result icsd = xtalc("eval", f.toString(), "--oxidation-states", "icsd", "--train", "none", "--reference", "none");
    assertThat(icsd.code()).as(icsd.err()).isEqualTo(Xtalc.OK);
    assertThat(icsd.out()).containsPattern("compositional validity \\(icsd else common states, not SMACT's\\)\\s+33\\.33 % \\(1/3\\)\\s+samples\\n");
    assertThat(icsd.out()).doesNotContain("82.4");
  }

  @Test
  void evaluatesCifsWithoutTrainingOrReferenceSets() {
    Result r = xtalc("eval", MetricsTest.crystals("mini.csv").toString(), "--train", "none", "--reference", "none");
    assertThat(r.code()).as(r.err()).isEqualTo(Xtalc.OK);
    assertThat(r.out()).containsPattern("structural validity\\s+100\\.00 % \\(32/32\\)");
    // these P1 files declare group 1, which is their setting, not a group asked for; the finder
    // finds the perovskites' real groups, none of them P1
    assertThat(r.out()).containsPattern("group recovered by the symmetry finder\\s+n/a");
    assertThat(r.out()).containsPattern("in P1 \\(found by the symmetry finder\\)\\s+0\\.00 % \\(0/32\\)");
    assertThat(r.out()).doesNotContain("novel").doesNotContain("W1");
  }

  /** CIFs written by {@code xtalc cif} give the same figures as the sentences they came from. */
  @Test
  void aDirectoryOfSymmetricCifsScoresLikeItsSentences() throws IOException {
    List<String> val = Files.readAllLines(MetricsTest.crystals("mp20_val.sentences.csv"));
    Path file = dir.resolve("v.sentences");
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 30; i++) lines.add(val.get(i).substring(val.get(i).lastIndexOf(',') + 1));
    Files.write(file, lines);
    assertThat(xtalc("cif", file.toString(), "-o", dir.resolve("cifs").toString()).code()).isEqualTo(Xtalc.OK);
    Result fromCifs = xtalc("eval", dir.resolve("cifs").toString(), "--train", "none", "--reference", "none");
    Result fromSentences = xtalc("eval", file.toString(), "--train", "none", "--reference", "none");
    assertThat(fromCifs.code()).as(fromCifs.err()).isEqualTo(Xtalc.OK);
    for (String metric : List.of("structural validity", "compositional validity (SMACT)", "in P1 (found by the symmetry finder)",
        "unique (structure matcher)", "unique (exact skeleton)"))
      assertThat(percent(fromCifs.out(), metric)).as(metric).isEqualTo(percent(fromSentences.out(), metric));
    // the CIFs declare their groups (a P1 one only its setting): each is recovered
    assertThat(percent(fromCifs.out(), "group recovered by the symmetry finder")).isEqualTo(100.0);
  }

  @Test
  void usageAndInputErrors() throws IOException {
    assertThat(xtalc("eval", dir.resolve("missing").toString()).code()).isEqualTo(Xtalc.NO_INPUT);
    Path f = dir.resolve("x.sentences");
    Files.writeString(f, "225-a-Na-0-0-0-b-Cl-0.5-0.5-0.5-X-5.64\n");
    Result bad = xtalc("eval", f.toString(), "--oxidation-states", "weird", "--train", "none", "--reference", "none");
    assertThat(bad.code()).isEqualTo(Xtalc.USAGE);
    assertThat(bad.err()).contains("--oxidation-states");
    Result noRef = xtalc("eval", f.toString(), "--train", "none", "--reference", dir.resolve("nope.csv").toString());
    assertThat(noRef.code()).isEqualTo(Xtalc.NO_INPUT);
    assertThat(noRef.err()).contains("nope.csv: no such file");
    Result noModel = xtalc("eval", f.toString(), "--train", "none", "--reference", MetricsTest.crystals("mini.sentences.csv").toString(),
        "--model", dir.resolve("nowhere").toString());
    assertThat(noModel.code()).isEqualTo(Xtalc.NO_INPUT);
    assertThat(noModel.err()).contains("not a model directory");
    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    Result none = xtalc("eval", empty.toString(), "--train", "none", "--reference", "none");
    assertThat(none.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(none.err()).contains("no samples.sentences and no .cif files");
  }

  /** The shipped model's NLL of reference crystals: total and the four kinds that sum to it. */
  @Test
  void modelNllOfTheReferenceSet() throws IOException {
    Path shipped = Path.of("..", "models", "mp20");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(shipped.resolve("saved_model.pb")), "the shipped model is not built yet");
    Path f = dir.resolve("x.sentences");
    Files.writeString(f, MetricsTest.NACL + "\n");
    Result r = xtalc("eval", f.toString(), "--train", "none", "--reference", MetricsTest.crystals("mp20_val.sentences.csv").toString(),
        "--model", shipped.toString(), "--nll-limit", "100");
    assertThat(r.code()).as(r.err()).isEqualTo(Xtalc.OK);
    Matcher total = Pattern.compile("reference NLL \\(nats/crystal\\)\\s+(-?\\d+\\.\\d+)\\s+100 reference crystals").matcher(r.out());
    assertThat(total.find()).as(r.out()).isTrue();
    double sum = 0;
    for (String kind : List.of("letter", "element", "coordinate", "lattice")) {
      Matcher m = Pattern.compile("of which " + kind + "\\s+(-?\\d+\\.\\d+)").matcher(r.out());
      assertThat(m.find()).as(kind).isTrue();
      sum += Double.parseDouble(m.group(1));
    }
    assertThat(sum).isCloseTo(Double.parseDouble(total.group(1)), org.assertj.core.api.Assertions.within(0.01));
  }
}
