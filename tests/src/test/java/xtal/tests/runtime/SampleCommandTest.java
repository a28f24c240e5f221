package xtal.tests.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xtal.tests.Cli.Result;
import xtal.cli.Xtalc;
import xtal.compiler.CompiledQuery;
import xtal.compiler.CrystalMatcher;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.runtime.Generator;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;
import xtal.stdlib.crystal.SentenceChecker;

/**
 * Sampling with the shipped model, end to end: every query of every example file yields crystals
 * that the stdlib checker and the query's own matcher accept, and {@code xtalc sample} with the
 * same seed writes byte-identical files.
 */
class SampleCommandTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path MODEL = ROOT.resolve("models/mp20");
  static Generator generator;

  @TempDir Path dir;

  @BeforeAll
  static void loadShippedModel() throws Exception {
    generator = Generator.load(MODEL);
  }

  /** Every query of every example file except the deliberately unsatisfiable language tour. */
  static Stream<CompiledQuery> exampleQueries() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(ROOT.resolve("examples"))) {
      files = s.filter(p -> p.toString().endsWith(".xtal") && !p.endsWith("language-tour.xtal")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(7);
    Stream.Builder<CompiledQuery> all = Stream.builder();
    for (Path f : files) for (CompiledQuery q : QueryCompiler.compilePath(f, Limits.DEFAULT)) all.add(q);
    return all.build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleQueries")
  void everySampleOfEveryExampleQuerySatisfiesIt(CompiledQuery q) {
    List<Sample> samples = generator.sample(q, new SampleOptions(12, 11, 1.0, 1.0, 12)).toList();
    assertThat(samples).hasSize(12);
    for (Sample s : samples) {
      assertThat(SentenceChecker.check(q.name(), s.sentence()).errors()).as(s.sentence()).isEmpty();
      assertThat(CrystalMatcher.accepts(q, s.crystal())).as(q.name() + ": " + s.sentence()).isTrue();
    }
  }

  /**
   * {@code smact-valid} on a narrowed query (one group, 16 elements, ≤ 10 atoms): every sample's
   * expanded cell passes SMACT's test, checked on the expanded composition by the stdlib's
   * predicate (itself checked against SMACT's verdicts), not by the automaton.
   */
  @Test
  void smactValidSamplesPassSmactsTest() throws Exception {
    CompiledQuery q = QueryCompiler.compileFile("smact.xtal", """
        query fm3m_smact {
            structure 225-(?-?-?-?-?)+-X-?
            only Li, Na, K, Mg, Ca, Sr, Ba, Ti, Nb, Fe, Cu, Zn, O, S, F, Cl
            atoms <= 10
            smact-valid
        }
        """, Limits.DEFAULT).getFirst();
    List<Sample> samples = generator.sample(q, new SampleOptions(100, 7, 1.0, 1.0, 50)).toList();
    assertThat(samples).hasSize(100);
    int distinctFormulas = 0;
    java.util.Set<String> formulas = new java.util.HashSet<>();
    for (Sample s : samples) {
      xtal.stdlib.crystal.UnitCell cell = s.crystal().expand();
      assertThat(xtal.stdlib.element.Smact.smactValid(cell.composition())).as(s.sentence()).isTrue();
      if (formulas.add(cell.reducedFormula())) distinctFormulas++;
    }
    assertThat(distinctFormulas).as("not one formula over and over").isGreaterThan(10);
  }

  @Test
  void theSameSeedWritesByteIdenticalOutput() throws Exception {
    String query = ROOT.resolve("examples/double-perovskites.xtal").toString();
    for (String run : List.of("a", "b")) {
      Result r = xtalc("sample", query, "-n", "6", "--seed", "5", "--no-progress", "--model", MODEL.toString(),
          "--format", "cif,poscar,jsonl", "-o", dir.resolve(run).toString());
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("6 of 6 satisfy the query");
    }
    for (String f : List.of("samples.sentences", "samples.jsonl", "cif/sample-00006.cif", "poscar/sample-00001.vasp")) {
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(f))).as(f).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(f)));
    }
    assertThat(Files.readAllLines(dir.resolve("a/samples.sentences"))).hasSize(6).allMatch(l -> l.startsWith("225-"));
  }

  @Test
  void badInputIsAClearErrorNotAStackTrace() {
    Result noModel = xtalc("sample", "225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-?", "--model", dir.resolve("none").toString(), "-o", dir.resolve("o").toString());
    assertThat(noModel.code()).isEqualTo(66);
    assertThat(noModel.err()).contains("no such model directory");
    Result badTemperature = xtalc("sample", "225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-?", "--temperature", "0");
    assertThat(badTemperature.code()).isEqualTo(Xtalc.USAGE);
    assertThat(badTemperature.err()).contains("temperature must be > 0");
    Result badQuery = xtalc("sample", "225-q-Na-X-?");
    assertThat(badQuery.code()).isEqualTo(Xtalc.USAGE);
    assertThat(badQuery.err()).contains("<template>:1:");
  }
}
