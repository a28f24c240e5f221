package xtal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xtal.compiler.CompiledQuery;
import xtal.compiler.CrystalMatcher;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.model.Layout;
import xtal.model.ModelConfig;
import xtal.models.XtalModel;
import xtal.models.export.Exporter;
import xtal.models.seq.AutomatonMasks;
import xtal.models.seq.Encoder;
import xtal.models.train.Dataset;
import xtal.models.train.TrainConfig;
import xtal.models.train.Trainer;
import xtal.runtime.decode.Completion;
import xtal.runtime.decode.HeadOutputs;
import xtal.runtime.decode.Prefix;
import xtal.runtime.decode.Proposal;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;
import xtal.runtime.decode.SampleProcessor;
import xtal.runtime.decode.Score;
import xtal.runtime.decode.Scoring;
import xtal.runtime.decode.StepModel;
import xtal.runtime.engine.DjlStepModel;
import xtal.runtime.output.SampleWriter;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.Site;

/**
 * End to end through DJL's TensorFlow engine with a real (tiny, briefly trained) SavedModel:
 * samples satisfy their query, the same seed reproduces them byte for byte, and decoding with the
 * key/value cache gives the crystals that recomputing the whole prefix gives.
 */
class GeneratorTest {
  @TempDir static Path tmp;
  static Path modelDir;

  static Path data(String name) {
    return Path.of(System.getProperty("xtal.data", "../../shared/data")).resolve(name);
  }

  @BeforeAll
  static void trainTinyModel() throws Exception {
    var mini = Dataset.read(data("crystals/mini.sentences.csv"), new Encoder(AutomatonMasks.unconstrained())).encoded();
    var cfg = new TrainConfig("data:crystals/mini.sentences.csv", "data:crystals/mini.sentences.csv",
        new ModelConfig(32, 2, 4, 2, 128, 0.0, 8, 4), 8, 2, 10, 3e-3, 3e-4, 2, 1.0, 7, 1000, 1000,
        tmp.resolve("out").toString(), tmp.resolve("work").toString());
    modelDir = tmp.resolve("model");
    try (Trainer t = new Trainer(cfg, new PrintWriter(new StringWriter()))) {
      var out = t.run(mini, List.of());
      Exporter.export(cfg.model(), out.checkpoint().toString(), modelDir, Map.of());
    }
  }

  static CompiledQuery compile(String template) throws Exception {
    return QueryCompiler.compileTemplate("<test>", template, Limits.DEFAULT);
  }

  @Test
  void samplesSatisfyTheirQuery() throws Exception {
    CompiledQuery q = compile("[221|225|229]-(?-[!O]-?-?-?)+-(?-O-?-?-?)*-X-?");
    try (Generator g = Generator.load(modelDir)) {
      List<Sample> samples = g.sample(q, new SampleOptions(24, 3, 1.0, 0.95, 8)).toList();
      assertThat(samples).hasSize(24);
      for (Sample s : samples) {
        assertThat(CrystalMatcher.accepts(q, s.crystal())).as(s.sentence()).isTrue();
        assertThat(SentenceChecker.check("<sample>", s.sentence()).errors()).as(s.sentence()).isEmpty();
        assertThat(s.crystal().group().number()).isIn(221, 225, 229);
      }
    }
  }

  @Test
  void theSameSeedWritesByteIdenticalFiles() throws Exception {
    CompiledQuery q = compile("{cubic}-(?-?-?-?-?)+-X-?");
    Path a = tmp.resolve("a"), b = tmp.resolve("b");
    for (Path dir : List.of(a, b)) {
      try (Generator g = Generator.load(modelDir);
          SampleWriter w = new SampleWriter(dir, SampleWriter.Format.parseList("cif,poscar,jsonl"))) {
        for (Sample s : g.sample(q, new SampleOptions(10, 42, 0.8, 1.0, 4)).toList()) w.write(s);
      }
    }
    for (String f : List.of("samples.sentences", "samples.jsonl", "cif/sample-00010.cif", "poscar/sample-00003.vasp")) {
      assertThat(Files.readString(a.resolve(f))).as(f).isEqualTo(Files.readString(b.resolve(f)));
    }
    assertThat(Files.readAllLines(a.resolve("samples.sentences"))).hasSize(10);
  }

  @Test
  void theKeyValueCacheGivesWhatRecomputingThePrefixGives() throws Exception {
    CompiledQuery q = compile("?-(?-?-?-?-?)+-X-?");
    SampleOptions o = new SampleOptions(12, 5, 1.0, 1.0, 6);
    List<Sample> cached, recomputed;
    try (Generator g = Generator.load(modelDir, true)) {
      cached = g.sample(q, o).toList();
    }
    try (Generator g = Generator.load(modelDir, false)) {
      recomputed = g.sample(q, o).toList();
    }
    for (int i = 0; i < cached.size(); i++) {
      var c = cached.get(i).crystal();
      var r = recomputed.get(i).crystal();
      assertThat(r.group()).isEqualTo(c.group());
      assertThat(r.sites()).hasSameSizeAs(c.sites());
      for (int k = 0; k < c.sites().size(); k++) {
        Site x = c.sites().get(k), y = r.sites().get(k);
        assertThat(y.letter()).isEqualTo(x.letter());
        assertThat(y.element()).isEqualTo(x.element());
        for (int ax = 0; ax < 3; ax++) assertThat(y.xyz()[ax]).isCloseTo(x.xyz()[ax], within(1e-4));
      }
      for (int p = 0; p < 6; p++) {
        assertThat(r.lattice().parameters()[p]).isCloseTo(c.lattice().parameters()[p], within(1e-3));
      }
      assertThat(recomputed.get(i).logLikelihood()).isCloseTo(cached.get(i).logLikelihood(), within(1e-3));
    }
  }

  /**
   * Step by step, the cached session gives the heads the recomputing one gives, past the points
   * where it grows its caches (every 16 positions), on arbitrary inputs.
   */
  @Test
  void theCachedStepAgreesWithRecomputingAcrossCacheGrowth() throws Exception {
    int[] groups = {225, 1, 62};
    int batch = groups.length;
    SplittableRandom r = new SplittableRandom(3);
    try (DjlStepModel cachedModel = DjlStepModel.load(modelDir, true);
        DjlStepModel fullModel = DjlStepModel.load(modelDir, false);
        StepModel.Session cached = cachedModel.start(groups);
        StepModel.Session full = fullModel.start(groups)) {
      for (int p = 0; p < 40; p++) {
        int[] input = new int[batch], next = new int[batch];
        float[] features = new float[batch * Layout.FEATURES];
        for (int i = 0; i < batch; i++) {
          input[i] = r.nextInt(Layout.INPUT_VOCAB);
          next[i] = r.nextInt(Layout.NEXT_KINDS + 1);
        }
        for (int j = 0; j < features.length; j++) features[j] = (float) r.nextDouble(-1, 1);
        HeadOutputs a = cached.step(input, features, next), b = full.step(input, features, next);
        List<float[]> got = heads(a), want = heads(b);
        for (int k = 0; k < got.size(); k++) {
          assertThat(got.get(k)).hasSameSizeAs(want.get(k));
          for (int j = 0; j < got.get(k).length; j++) {
            assertThat((double) got.get(k)[j]).as("head " + k + " [" + j + "] at position " + p).isCloseTo(want.get(k)[j], within(1e-4));
          }
        }
      }
    }
  }

  private static List<float[]> heads(HeadOutputs h) {
    return List.of(h.letterLogits(), h.elementLogits(), h.coordLogWeights(), h.coordLocations(), h.coordConcentrations(),
        h.latticeLogWeights(), h.latticeMeans(), h.latticeStds());
  }

  /**
   * Teacher forcing through the real model: the score of each sampled crystal is the
   * log-likelihood the sampler reported for it, and completing a kept prefix reports the proposal
   * probability that scoring the completion with the same prefix gives back.
   */
  @Test
  void scoresAndCompletionsAgreeWithSamplingThroughTheRealModel() throws Exception {
    CompiledQuery q = compile("?-(?-?-?-?-?)+-X-?");
    SampleOptions o = new SampleOptions(24, 8, 0.9, 0.95, 8, 0);
    try (Generator g = Generator.load(modelDir)) {
      List<Sample> samples = g.sample(q, o).toList();
      List<Scoring> scores = g.score(q, samples.stream().map(Sample::crystal).toList());
      for (int i = 0; i < samples.size(); i++) {
        assertThat(((Score) scores.get(i)).logLikelihood()).as(samples.get(i).sentence()).isCloseTo(samples.get(i).logLikelihood(), within(1e-4));
      }
      List<Prefix> prefixes = samples.stream().map(s -> Prefix.sites(s.crystal(), 1)).toList();
      List<Completion> done = g.complete(q, prefixes, o.withSeed(21));
      List<Prefix> back = new java.util.ArrayList<>();
      for (int i = 0; i < done.size(); i++) back.add(new Prefix(((Proposal) done.get(i)).sample().crystal(), prefixes.get(i).slots()));
      List<Scoring> rescored = g.score(q, back, o, SampleProcessor.NONE);
      for (int i = 0; i < done.size(); i++) {
        Proposal p = (Proposal) done.get(i);
        assertThat(CrystalMatcher.accepts(q, p.sample().crystal())).isTrue();
        assertThat(p.sample().crystal().sites().getFirst()).isEqualTo(samples.get(i).crystal().sites().getFirst());
        Score s = (Score) rescored.get(i);
        assertThat(s.logProposal()).as(p.sample().sentence()).isCloseTo(p.logProposal(), within(1e-4));
        assertThat(s.logLikelihood()).isCloseTo(p.sample().logLikelihood(), within(1e-4));
      }
    }
  }

  /**
   * The shipped model's log-likelihood of reference crystals through the runtime's teacher forcing
   * (DJL, step signature, masks in Java) equals the training side's {@code nll} signature (TF
   * Java, whole sequences, masks in the graph): two independent paths, per crystal and per kind.
   */
  @Test
  void theRuntimeScoreIsTheExportedNllSignature() throws Exception {
    Path shipped = Path.of(System.getProperty("user.dir")).resolveSibling("models").resolve("mp20");
    var val = Dataset.read(data("crystals/mp20_val.sentences.csv"), new Encoder(AutomatonMasks.unconstrained()));
    int n = 60;
    double[][] nll;
    try (XtalModel m = XtalModel.load(shipped)) {
      nll = m.nll(val.encoded().subList(0, n));
    }
    List<Scoring> scores;
    try (Generator g = Generator.load(shipped)) {
      scores = g.score(QueryCompiler.unconstrained(), val.crystals().subList(0, n));
    }
    for (int i = 0; i < n; i++) {
      Score s = (Score) scores.get(i);
      for (int k = 0; k < 4; k++) assertThat(-s.byKind()[k]).as(val.sentences().get(i) + " kind " + k).isCloseTo(nll[i][k], within(2e-3));
    }
  }
}
