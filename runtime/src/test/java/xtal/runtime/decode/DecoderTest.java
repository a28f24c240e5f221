package xtal.runtime.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import xtal.compiler.CompiledQuery;
import xtal.compiler.CrystalMatcher;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.SentenceChecker;

/** Decoding with an adversarial fake model: every sample must satisfy the query anyway. */
class DecoderTest {

  private static final SampleOptions OPTIONS = new SampleOptions(60, 7, 1.0, 1.0, 16);

  private static final java.util.Map<String, CompiledQuery> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

  /** Compiles once per template: compiling, not decoding, is what costs here. */
  static CompiledQuery compile(String template) throws Exception {
    CompiledQuery q = COMPILED.get(template);
    if (q == null) COMPILED.put(template, q = QueryCompiler.compileTemplate("<test>", template, Limits.DEFAULT));
    return q;
  }

  static List<Sample> decode(CompiledQuery q, SampleOptions o) {
    Decoder d = new Decoder(new FakeStepModel(), null, 200);
    return d.decode(q.tokenAutomaton(), 0, o.count(), o);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "225-a-[?]-0-0-0-b-[?]-1/2-1/2-1/2-c-[?]-1/4-1/4-1/4-e-O-?-0-0-X-?",
        "{cubic}-(?-?-?-?-?)+-X-?",
        "?-(?-?-?-?-?)*-(?-O-?-?-?)+-(?-?-?-?-?)*-X-?",
        "[139|191]-(?-[lanthanide]-?-?-?)+-(?-?-?-?-?)*-X-?",
        "225-a-$A=[alkali]-0-0-0-b-$A-1/2-1/2-1/2-X-?",
        "62-c-[!O|F]-[0.1..0.2]-1/4-?-(?-?-?-?-?)*-X-[5..6]-?-?",
      })
  void everySampleSatisfiesTheQueryAndTheSpaceGroupRules(String template) throws Exception {
    CompiledQuery q = compile(template);
    for (Sample s : decode(q, OPTIONS)) {
      assertThat(CrystalMatcher.accepts(q, s.crystal())).as(s.sentence()).isTrue();
      CheckResult r = SentenceChecker.check("<sample>", s.sentence());
      assertThat(r.errors()).as(s.sentence()).isEmpty();
      assertThat(s.logLikelihood()).isFinite();
    }
  }

  /**
   * Ranges on symmetry-tied coordinates and lattice parameters, narrow lattices and angle ranges:
   * every sample, read back from its sentence, satisfies the query's meaning (the structure by the
   * stdlib's TemplateMatcher), not only the automaton that produced it.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "225-a-La-0-0-0-f-H-[0.1..0.3]-[0.25..0.4]-?-X-?",
        "225-a-La-0-0-0-f-H-?-?-[0.9..1.1]-X-?",
        "191-a-C-0-0-0-l-C-?-[0.1..0.2]-0-X-?",
        "164-a-Hg-0-0-0-i-Hg-?-[0.8..0.85]-?-X-?",
        "113-a-Ba-0-0-0-e-O-[0.05..0.15]-[0.6..0.7]-?-X-?",
        "{tetragonal}-(?-?-?-?-?)+-X-[3..5]-[4..6]-?-90-90-90",
        "225-a-H-0-0-0-X-[0.0001..0.6]",
        "{cubic}-(?-?-?-?-?)+-X-[9000..20000]",
        "2-a-H-0-0-0-X-5-5-5-[10..90]-[10..90]-[100..120]",
        "2-(?-?-?-?-?)+-X-?-?-?-?-?-[170..175]",
        "2-a-H-0-0-0-X-5-5-5-60-60-119",
      })
  void samplesSatisfyTheReferenceMeaningOfTiedRangesAndNarrowLattices(String template) throws Exception {
    CompiledQuery q = compile(template);
    for (Sample s : decode(q, OPTIONS)) {
      CheckResult r = SentenceChecker.check("<sample>", s.sentence());
      assertThat(r.errors()).as(s.sentence()).isEmpty();
      assertThat(q.meaning().violations(r.crystal().orElseThrow())).as(s.sentence()).isEmpty();
    }
  }

  @Test
  void rangesFromTheQueryAreHonoured() throws Exception {
    CompiledQuery q = compile("62-c-Fe-[0.1..0.2]-1/4-?-X-[5..6]-?-?");
    for (Sample s : decode(q, OPTIONS)) {
      assertThat(s.crystal().sites().getFirst().x()).isBetween(0.1, 0.2);
      assertThat(s.crystal().lattice().a()).isBetween(5.0, 6.0);
    }
  }

  @Test
  void theSameSeedGivesTheSameCrystalsAndAnotherSeedOthers() throws Exception {
    CompiledQuery q = compile("{cubic}-(?-?-?-?-?)+-X-?");
    List<String> a = decode(q, OPTIONS).stream().map(Sample::sentence).toList();
    List<String> b = decode(q, OPTIONS).stream().map(Sample::sentence).toList();
    List<String> c = decode(q, OPTIONS.withSeed(8)).stream().map(Sample::sentence).toList();
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void aSampleDoesNotDependOnItsBatch() throws Exception {
    CompiledQuery q = compile("?-(?-?-?-?-?)*-(?-O-?-?-?)+-(?-?-?-?-?)*-X-?");
    Decoder d = new Decoder(new FakeStepModel(), null, 200);
    List<Sample> whole = d.decode(q.tokenAutomaton(), 0, 10, OPTIONS);
    List<Sample> tail = d.decode(q.tokenAutomaton(), 5, 5, OPTIONS);
    assertThat(tail.stream().map(Sample::sentence)).containsExactlyElementsOf(whole.subList(5, 10).stream().map(Sample::sentence).toList());
  }

  @Test
  void theGroupPriorDecidesAmongAllowedGroups() throws Exception {
    double[] prior = new double[231];
    prior[229] = 1; // only Im-3m has weight among the cubic groups
    Decoder d = new Decoder(new FakeStepModel(), prior, 200);
    CompiledQuery q = compile("{cubic}-(?-?-?-?-?)+-X-?");
    for (Sample s : d.decode(q.tokenAutomaton(), 0, 20, OPTIONS)) assertThat(s.crystal().group().number()).isEqualTo(229);
  }

  @Test
  void theMinimumDistanceRedrawsCrowdedCoordinatesAndSaysSo() throws Exception {
    CompiledQuery q = compile("{cubic}-(?-?-?-?-?)+-X-?");
    SampleOptions off = OPTIONS.withCount(120).withMinDistance(0), on = OPTIONS.withCount(120);
    List<Sample> free = decode(q, off), kept = decode(q, on);
    assertThat(free).allSatisfy(s -> assertThat(s.resampled()).isZero());
    assertThat(kept.stream().mapToInt(Sample::resampled).sum()).isPositive();
    long crowdedFree = free.stream().filter(s -> s.crystal().expand().minDistance() < 0.5).count();
    long crowdedKept = kept.stream().filter(s -> s.crystal().expand().minDistance() < 0.5).count();
    assertThat(crowdedKept).isLessThan(crowdedFree);
    for (Sample s : kept) assertThat(CrystalMatcher.accepts(q, s.crystal())).isTrue();
  }
}
