package xtal.tests.csp;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.cli.Xtalc;
import xtal.csp.Candidate;
import xtal.csp.Composition;
import xtal.csp.CompositionQueries;
import xtal.csp.CrystalStructurePredictor;
import xtal.csp.CspOptions;
import xtal.csp.CspTarget;
import xtal.csp.GroupChoice;
import xtal.csp.Prediction;
import xtal.csp.Scorer;
import xtal.runtime.Generator;
import xtal.stdlib.crystal.Atom;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.UnitCell;
import xtal.tests.Cli.Result;

/**
 * Structure prediction with the shipped model: candidates have exactly the asked composition and
 * atom count (re-counted from their sentences, not from the query), ranking is deterministic for a
 * seed, and {@code xtalc csp} works end to end with per-row errors that do not stop a batch.
 */
class CspTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path MODEL = ROOT.resolve("models/mp20");
  static Generator generator;
  static CompositionQueries queries;

  @TempDir Path dir;

  @BeforeAll
  static void load() throws Exception {
    generator = Generator.load(MODEL);
    queries = new CompositionQueries(CspOptions.DEFAULTS.limits());
  }

  @AfterAll
  static void close() {
    generator.close();
  }

  static CrystalStructurePredictor predictor(long seed) {
    return new CrystalStructurePredictor(generator, Scorer.LOG_LIKELIHOOD_PER_ATOM, CspOptions.DEFAULTS.withSamples(12).withKeep(12).withSeed(seed), queries);
  }

  /** Element symbol → atoms per primitive cell, counted from the sentence alone. */
  static Map<String, Integer> countFromSentence(String sentence) {
    CheckResult r = SentenceChecker.check("candidate", sentence);
    assertThat(r.errors()).as(sentence).isEmpty();
    Crystal c = r.crystal().orElseThrow();
    UnitCell cell = c.expand();
    int points = c.group().centring().latticePoints();
    Map<String, Integer> counts = new TreeMap<>();
    for (Atom a : cell.atoms()) counts.merge(a.element().symbol(), 1, Integer::sum);
    counts.replaceAll((k, v) -> {
      assertThat(v % points).as("centring divides the count: " + sentence).isZero();
      return v / points;
    });
    return counts;
  }

  @Test
  void everyCandidateHasExactlyTheAskedCompositionAndAtomCount() {
    var target = new CspTarget("LiCoO2", Composition.parse("LiCoO2"), OptionalInt.of(8), GroupChoice.ANY);
    Prediction p = predictor(3).predict(target);
    assertThat(p).isInstanceOf(Prediction.Ranked.class);
    Prediction.Ranked r = (Prediction.Ranked) p;
    assertThat(r.violations()).isZero();
    assertThat(r.samples()).hasSize(12);
    assertThat(r.candidates()).isNotEmpty().hasSize(r.distinct());
    for (Candidate c : r.samples()) assertThat(countFromSentence(c.sentence())).as(c.sentence()).isEqualTo(Map.of("Li", 2, "Co", 2, "O", 4));
    // default ranking: most copies first, then score; every sample is one distinct candidate or a copy of one
    assertThat(r.candidates().stream().mapToInt(c -> 1 + c.duplicates()).sum()).isEqualTo(12);
    for (int i = 0; i < r.candidates().size(); i++) {
      Candidate c = r.candidates().get(i);
      assertThat(c.rank()).isEqualTo(i + 1);
      assertThat(c.score()).isEqualTo(c.sample().logLikelihood() / 8);
      if (i == 0) continue;
      Candidate prev = r.candidates().get(i - 1);
      assertThat(c.duplicates()).isLessThanOrEqualTo(prev.duplicates());
      if (c.duplicates() == prev.duplicates()) assertThat(c.score()).isLessThanOrEqualTo(prev.score());
    }
    List<Candidate> byScore = CrystalStructurePredictor.rank(r.candidates(), CspOptions.Ranking.SCORE);
    for (int i = 1; i < byScore.size(); i++) assertThat(byScore.get(i).score()).isLessThanOrEqualTo(byScore.get(i - 1).score());
    assertThat(byScore).extracting(Candidate::sentence).containsExactlyInAnyOrderElementsOf(r.candidates().stream().map(Candidate::sentence).toList());
  }

  @Test
  void withoutAnAtomCountAnyWholeNumberOfFormulaUnitsUpToTheLimit() {
    Prediction.Ranked r = (Prediction.Ranked) predictor(4).predict(CspTarget.of("GaN", Composition.parse("GaN")));
    for (Candidate c : r.samples()) {
      Map<String, Integer> n = countFromSentence(c.sentence());
      assertThat(n.keySet()).containsExactlyInAnyOrder("Ga", "N");
      assertThat(n.get("Ga")).isEqualTo(n.get("N"));
      assertThat(n.get("Ga") + n.get("N")).isLessThanOrEqualTo(20);
    }
  }

  @Test
  void rankingIsDeterministicForASeed() {
    var target = new CspTarget("SrTiO3", Composition.parse("SrTiO3"), OptionalInt.of(5), GroupChoice.ANY);
    List<String> a = ((Prediction.Ranked) predictor(7).predict(target)).candidates().stream().map(c -> c.rank() + " " + c.score() + " " + c.sentence()).toList();
    List<String> b = ((Prediction.Ranked) predictor(7).predict(target)).candidates().stream().map(c -> c.rank() + " " + c.score() + " " + c.sentence()).toList();
    List<String> other = ((Prediction.Ranked) predictor(8).predict(target)).candidates().stream().map(c -> c.rank() + " " + c.score() + " " + c.sentence()).toList();
    assertThat(b).isEqualTo(a);
    assertThat(other).isNotEqualTo(a);
  }

  @Test
  void srTiO3WithFiveAtomsEndToEnd() throws Exception {
    Path out = dir.resolve("srtio3");
    Result r = xtalc("csp", "SrTiO3", "--atoms", "5", "-n", "3", "--samples", "8", "--seed", "1", "--no-progress", "--model", MODEL.toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("predicted 1 of 1 compositions");
    List<String> lines = Files.readAllLines(out.resolve("ranked.csv"));
    assertThat(lines.getFirst()).isEqualTo("material_id,formula,rank,score,sentence,cif");
    assertThat(lines).hasSizeBetween(2, 4);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      assertThat(f[0]).isEqualTo("SrTiO3");
      assertThat(f[2]).isEqualTo(Integer.toString(lines.indexOf(line)));
      assertThat(countFromSentence(f[4])).isEqualTo(Map.of("Sr", 1, "Ti", 1, "O", 3));
      assertThat(Files.readString(out.resolve(f[5]))).contains("_symmetry_space_group_name_H-M").contains("Sr");
    }
    assertThat(Files.readAllLines(out.resolve("ranked.sentences"))).hasSize(lines.size() - 1);
  }

  @Test
  void badRowsAreReportedAndTheBatchGoesOn() throws Exception {
    Path csv = dir.resolve("compositions.csv");
    Files.writeString(csv, "material_id,formula,atoms\nbad,Xx2O,\nparen,Li3PS4),8\ntoobig,Li3PS4,24\nodd,Li3PS4,12\ngood,NaCl,2\nempty,,\n");
    Path out = dir.resolve("batch");
    Result r = xtalc("csp", "--input", csv.toString(), "-n", "1", "--samples", "4", "--no-progress", "--model", MODEL.toString(), "-o", out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(65);
    assertThat(r.err())
        .contains(csv + ":2: formula 'Xx2O': unknown element 'Xx' at column 1")
        .contains(csv + ":3: formula 'Li3PS4)': unmatched ')' at column 7")
        .contains(csv + ":4: Li3PS4 with 24 atoms per primitive cell: more than the 20 atoms per primitive cell allowed")
        .contains(csv + ":5: Li3PS4 with 12 atoms per primitive cell: 12 is not a multiple of the 8 atoms of one formula unit")
        .contains(csv + ":7: formula '': empty formula");
    List<String> lines = Files.readAllLines(out.resolve("ranked.csv"));
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith("good,NaCl,1,");
    assertThat(countFromSentence(lines.get(1).split(",")[4])).isEqualTo(Map.of("Na", 1, "Cl", 1));
  }

  @Test
  void usageErrors() {
    assertThat(xtalc("csp").code()).isEqualTo(Xtalc.USAGE);
    assertThat(xtalc("csp", "NaCl", "--atoms", "2", "--formula-units", "1").code()).isEqualTo(Xtalc.USAGE);
    Result g = xtalc("csp", "NaCl", "--group", "300");
    assertThat(g.code()).isEqualTo(Xtalc.USAGE);
    assertThat(g.err()).contains("group '300': space group 300 does not exist");
    Result missing = xtalc("csp", "--input", "no/such.csv");
    assertThat(missing.code()).isEqualTo(66);
    assertThat(missing.err()).contains("no/such.csv: cannot read");
  }
}
