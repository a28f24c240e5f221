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
    assertThat(badTemperature.err()).contains("temperature must be a finite number > 0");
    Result badQuery = xtalc("sample", "225-q-Na-X-?");
    assertThat(badQuery.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(badQuery.err()).contains("<template>:1:");
  }

  static final String ROCK_SALT = "225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-?";

  private Result sample(Path out, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("sample", ROCK_SALT, "--no-progress", "--model", MODEL.toString(), "-o", out.toString()));
    args.addAll(List.of(more));
    return xtalc(args.toArray(String[]::new));
  }

  @Test
  void aUsedOutputDirectoryIsRefusedOrCleanedNeverMixed() throws Exception {
    Path out = dir.resolve("run");
    assertThat(sample(out, "-n", "3", "--seed", "1").code()).isZero();
    assertThat(out.resolve("cif/sample-00003.cif")).exists();
    Result again = sample(out, "-n", "1", "--seed", "2");
    assertThat(again.code()).as(again.err()).isEqualTo(Xtalc.CANT_CREATE);
    assertThat(again.err()).contains(out + ": the output directory holds another run's output").contains("--force");
    assertThat(Files.readAllLines(out.resolve("samples.sentences"))).as("the refused run wrote nothing").hasSize(3);
    Result forced = sample(out, "-n", "1", "--seed", "2", "--force");
    assertThat(forced.code()).as(forced.err()).isZero();
    assertThat(Files.readAllLines(out.resolve("samples.sentences"))).hasSize(1);
    try (Stream<Path> cifs = Files.list(out.resolve("cif"))) {
      assertThat(cifs.map(p -> p.getFileName().toString()).toList()).as("no stale CIF survives").containsExactly("sample-00001.cif");
    }
    try (Stream<Path> vasp = Files.list(out.resolve("poscar"))) {
      assertThat(vasp.count()).isEqualTo(1);
    }
  }

  @Test
  void aSecondRunIntoADirectoryInUseIsRefused() throws Exception {
    Path out = dir.resolve("busy");
    try (var holder = new xtal.runtime.output.SampleWriter(out, java.util.Set.of())) {
      Result r = sample(out, "-n", "1");
      assertThat(r.code()).as(r.err()).isEqualTo(Xtalc.CANT_CREATE);
      assertThat(r.err()).contains(out + ": the output directory is in use by another run");
      Result forced = sample(out, "-n", "1", "--force");
      assertThat(forced.code()).as("--force does not break a lock").isEqualTo(Xtalc.CANT_CREATE);
    }
    assertThat(sample(out, "-n", "1", "--force").code()).isZero();
  }

  @Test
  void everyRunWritesAManifest() throws Exception {
    Path out = dir.resolve("m");
    assertThat(sample(out, "-n", "2", "--seed", "7", "--temperature", "0.9").code()).isZero();
    var m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("manifest.json").toFile());
    assertThat(m.path("command").asText()).startsWith("xtalc sample " + ROCK_SALT);
    assertThat(m.path("query").asText()).isEqualTo(ROCK_SALT);
    assertThat(m.path("seed").asLong()).isEqualTo(7);
    assertThat(m.path("count").asInt()).isEqualTo(2);
    assertThat(m.path("temperature").asDouble()).isEqualTo(0.9);
    assertThat(m.path("model").asText()).isEqualTo(MODEL.toString());
    assertThat(m.path("model_sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(m.path("version").asText()).isNotEmpty();
    assertThat(java.time.Instant.parse(m.path("date").asText())).isBeforeOrEqualTo(java.time.Instant.now());
  }

  @Test
  void hugeCountsAndBatchSizesAreErrorsOrWork() throws Exception {
    Result big = sample(dir.resolve("b"), "-n", "3", "--batch-size", "2147483647");
    assertThat(big.code()).as(big.err()).isZero();
    assertThat(Files.readAllLines(dir.resolve("b/samples.sentences"))).hasSize(3);
    assertThat(generator.sample(q(ROCK_SALT), SampleOptions.DEFAULTS.withCount(2).withBatchSize(Integer.MAX_VALUE)).count()).isEqualTo(2);
    Result overflow = sample(dir.resolve("o"), "-n", "99999999999999999999");
    assertThat(overflow.code()).isEqualTo(Xtalc.USAGE);
    assertThat(overflow.err()).contains("99999999999999999999");
    Path file = dir.resolve("q.xtal");
    Files.writeString(file, "query q {\n  structure " + ROCK_SALT + "\n  sample { count 99999999999999999999 }\n}\n");
    Result setting = xtalc("sample", file.toString(), "--model", MODEL.toString(), "-o", dir.resolve("s").toString());
    // a number too long to be exact is refused where the query file is read, with its position
    assertThat(setting.code()).isEqualTo(Xtalc.DATA_ERROR);
    assertThat(setting.err()).contains("q.xtal:3:18:").contains("has more than 18 digits");
    Files.writeString(file, "query q {\n  structure " + ROCK_SALT + "\n  sample { count 9999999999 }\n}\n");
    Result large = xtalc("sample", file.toString(), "--model", MODEL.toString(), "-o", dir.resolve("s").toString());
    assertThat(large.code()).isEqualTo(Xtalc.USAGE);
    assertThat(large.err()).contains("sample setting 'count' must be in 0..2147483647, found 9999999999");
  }

  @Test
  void nonFiniteSettingsAreUsageErrors() {
    for (String[] bad : List.of(new String[] {"--temperature", "Infinity"}, new String[] {"--temperature", "NaN"},
        new String[] {"--top-p", "1.5"}, new String[] {"--top-p", "NaN"}, new String[] {"--top-p", "0"}, new String[] {"--min-distance", "Infinity"})) {
      Result r = sample(dir.resolve("x"), bad);
      assertThat(r.code()).as(String.join(" ", bad) + ": " + r.err()).isEqualTo(Xtalc.USAGE);
    }
    assertThat(Files.exists(dir.resolve("x/samples.sentences"))).isFalse();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SampleOptions.DEFAULTS.withTemperature(Double.POSITIVE_INFINITY))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
  }

  @Test
  void outputPathErrorsSayWhatIsWrong() throws Exception {
    Path file = Files.writeString(dir.resolve("afile"), "x");
    Result notDir = sample(file, "-n", "1");
    assertThat(notDir.code()).isEqualTo(Xtalc.CANT_CREATE);
    assertThat(notDir.err()).contains(file + ": cannot create the output directory: exists and is not a directory");
    Result under = sample(file.resolve("sub"), "-n", "1");
    assertThat(under.code()).isEqualTo(Xtalc.CANT_CREATE);
    assertThat(under.err()).contains(file.resolve("sub").toString()).contains("not a directory");
    Result empty = xtalc("sample", ROCK_SALT, "--model", MODEL.toString(), "-o", "");
    assertThat(empty.code()).isEqualTo(Xtalc.USAGE);
    assertThat(empty.err()).contains("--output needs a directory name");
  }

  @Test
  void aClosedGeneratorSaysSo() throws Exception {
    Generator g = Generator.load(MODEL);
    g.close();
    g.close(); // closing twice is harmless
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.sample(q(ROCK_SALT), SampleOptions.DEFAULTS.withCount(1)))
        .isInstanceOf(IllegalStateException.class).hasMessage("this Generator is closed: load the model again to sample");
  }

  /** A copy of the shipped model with {@code damage} done to it. */
  private Path damaged(String name, java.util.function.Consumer<Path> damage) throws Exception {
    Path copy = dir.resolve(name);
    try (Stream<Path> walk = Files.walk(MODEL)) {
      for (Path p : walk.toList()) {
        Path to = copy.resolve(MODEL.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
    damage.accept(copy);
    return copy;
  }

  private static void unchecked(java.util.concurrent.Callable<?> c) {
    try {
      c.call();
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  @Test
  void damagedModelsExit66NamingTheFileAtLoad() throws Exception {
    record Case(String name, java.util.function.Consumer<Path> damage, String message) {}
    List<Case> cases = List.of(
        new Case("novars", m -> unchecked(() -> {
          Files.delete(m.resolve("variables/variables.index"));
          Files.delete(m.resolve("variables/variables.data-00000-of-00001"));
          return Files.deleteIfExists(m.resolve("variables"));
        }), "variables: missing"),
        new Case("emptydata", m -> unchecked(() -> Files.write(m.resolve("variables/variables.data-00000-of-00001"), new byte[0])),
            "variables.data-00000-of-00001: empty"),
        new Case("truncdata", m -> unchecked(() -> {
          Path f = m.resolve("variables/variables.data-00000-of-00001");
          byte[] b = Files.readAllBytes(f);
          return Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        }), "the model cannot be loaded"),
        new Case("truncgraph", m -> unchecked(() -> {
          Path f = m.resolve("saved_model.pb");
          byte[] b = Files.readAllBytes(f);
          return Files.write(f, java.util.Arrays.copyOf(b, b.length / 3));
        }), "the model cannot be loaded"),
        new Case("badjson", m -> unchecked(() -> Files.writeString(m.resolve("model.json"), "{\"format\": 1, \"config\": {\"width\": \"wide\"")),
            "model.json:1:"),
        new Case("badfield", m -> unchecked(() -> Files.writeString(m.resolve("model.json"),
            Files.readString(m.resolve("model.json")).replaceFirst("\"layers\" : 6", "\"layers\" : \"six\""))),
            "model.json: field 'config.layers' must be a whole number >= 1, found \"six\""),
        new Case("nanprior", m -> unchecked(() -> Files.writeString(m.resolve("model.json"),
            Files.readString(m.resolve("model.json")).replaceFirst("\"group_prior\" : \\[ 0.0, ", "\"group_prior\" : [ 0.0, \"NaN\", "))),
            "model.json: field 'group_prior[1]' must be a finite weight >= 0, found \"NaN\""));
    for (Case c : cases) {
      Path model = damaged(c.name(), c.damage());
      Result r = xtalc("sample", ROCK_SALT, "-n", "1", "--no-progress", "--model", model.toString(), "-o", dir.resolve("out-" + c.name()).toString());
      assertThat(r.code()).as(c.name() + ": " + r.err()).isEqualTo(Xtalc.NO_INPUT);
      assertThat(r.err()).as(c.name()).contains(c.message()).doesNotContain("com.fasterxml").doesNotContain("\tat ");
      assertThat(r.err().lines().count()).as(c.name() + ": a short message, not TensorFlow's log").isLessThanOrEqualTo(3);
    }
  }

  private static CompiledQuery q(String template) {
    try {
      return QueryCompiler.compileTemplate("<t>", template, Limits.DEFAULT);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
