package xtal.runtime.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xtal.compiler.CompiledQuery;
import xtal.compiler.CrystalMatcher;
import xtal.model.Layout;
import xtal.runtime.sampling.VonMisesMixture;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.Site;

/**
 * The decoder's seams with the adversarial fake model: processors that narrow and reshape draws
 * (never widening the query), teacher-forced scoring, completion of a kept prefix, and the
 * proposal probabilities Metropolis–Hastings needs.
 */
class SeamsTest {
  private static final SampleOptions OPTIONS = new SampleOptions(40, 11, 1.0, 1.0, 16, 0);

  private static Decoder decoder() {
    return new Decoder(new FakeStepModel(), null, 200);
  }

  private static List<Sample> sample(CompiledQuery q, SampleOptions o, SampleProcessor p) {
    return decoder().decode(q.tokenAutomaton(), 0, o.count(), o, p, DecodeListener.NONE);
  }

  private static List<Crystal> crystals(List<Sample> samples) {
    return samples.stream().map(Sample::crystal).toList();
  }

  private static List<Scoring> score(CompiledQuery q, List<Prefix> splits, SampleOptions o, SampleProcessor p) {
    return decoder().score(q.tokenAutomaton(), splits, 0, o, p, DecodeListener.NONE);
  }

  /** The fake model's favourite element is the heaviest allowed; a processor bans it and everything above Z = 30. */
  @Test
  void aProcessorCanBanTokensTheModelPrefers() throws Exception {
    CompiledQuery q = DecoderTest.compile("?-(?-?-?-?-?)+-X-?");
    assertThat(sample(q, OPTIONS, SampleProcessor.NONE)).anySatisfy(s -> assertThat(maxZ(s)).isGreaterThan(30));
    SampleProcessor light = new SampleProcessor() {
      @Override
      public void elements(LaneView lane, float[] logits, long[] allowed) {
        for (int c = 30; c < Layout.ELEMENT_CLASSES; c++) allowed[c >>> 6] &= ~(1L << c);
      }
    };
    for (Sample s : sample(q, OPTIONS, light)) {
      assertThat(maxZ(s)).as(s.sentence()).isLessThanOrEqualTo(30);
      assertThat(CrystalMatcher.accepts(q, s.crystal())).isTrue();
    }
  }

  /** A processor that pushes a forbidden element (and sets its bit) cannot widen what the query allows. */
  @Test
  void aProcessorCannotWidenTheQuery() throws Exception {
    CompiledQuery q = DecoderTest.compile("225-a-[alkali]-0-0-0-b-[halogen]-1/2-1/2-1/2-X-?");
    SampleProcessor tempt = new SampleProcessor() {
      @Override
      public void elements(LaneView lane, float[] logits, long[] allowed) {
        logits[7] = 1e6f; // oxygen, allowed on neither site
        allowed[0] |= 1L << 7;
      }

      @Override
      public void letters(LaneView lane, float[] logits, long[] allowed) {
        logits[Layout.END_CLASS] = 1e6f;
        allowed[0] |= 1L << Layout.END_CLASS;
      }
    };
    for (Sample s : sample(q, OPTIONS, tempt)) {
      assertThat(CrystalMatcher.accepts(q, s.crystal())).as(s.sentence()).isTrue();
      assertThat(s.sentence()).doesNotContain("-O-");
    }
  }

  /** A processor that changes nothing draws exactly what no processor draws. */
  @Test
  void anIdleProcessorChangesNothing() throws Exception {
    CompiledQuery q = DecoderTest.compile("?-(?-?-?-?-?)*-(?-O-?-?-?)+-(?-?-?-?-?)*-X-?");
    SampleOptions o = OPTIONS.withTemperature(0.7).withTopP(0.9).withMinDistance(0.5);
    List<Sample> none = sample(q, o, SampleProcessor.NONE), idle = sample(q, o, new SampleProcessor() {});
    for (int i = 0; i < none.size(); i++) {
      assertThat(idle.get(i).sentence()).isEqualTo(none.get(i).sentence());
      assertThat(idle.get(i).logLikelihood()).isEqualTo(none.get(i).logLikelihood());
    }
  }

  /** The continuous hook: a sharp mixture at x = 0.3 puts every freely drawn coordinate there. */
  @Test
  void aProcessorCanReshapeContinuousDraws() throws Exception {
    CompiledQuery q = DecoderTest.compile("1-(a-?-?-?-?)+-X-?");
    SampleProcessor at03 = new SampleProcessor() {
      @Override
      public VonMisesMixture coordinate(LaneView lane, int axis, VonMisesMixture model) {
        return new VonMisesMixture(new double[] {0}, new double[] {0.3}, new double[] {1e5});
      }
    };
    for (Sample s : sample(q, OPTIONS, at03)) {
      for (Site site : s.crystal().sites()) for (double x : site.xyz()) assertThat(x).isCloseTo(0.3, within(0.02));
    }
  }

  /** Scoring a sampled crystal gives back the log-likelihood the sampler reported, split by kind. */
  @Test
  void theScoreOfASampleIsItsLogLikelihood() throws Exception {
    for (String template : List.of("?-(?-?-?-?-?)+-X-?", "62-c-[!O|F]-[0.1..0.2]-1/4-?-(?-?-?-?-?)*-X-[5..6]-?-?",
        "225-a-$A=[alkali]-0-0-0-b-$A-1/2-1/2-1/2-X-?")) {
      CompiledQuery q = DecoderTest.compile(template);
      SampleOptions o = OPTIONS.withTemperature(0.8).withMinDistance(0.5);
      List<Sample> samples = sample(q, o, SampleProcessor.NONE);
      List<Scoring> scores = score(q, crystals(samples).stream().map(Prefix::group).toList(), o, SampleProcessor.NONE);
      for (int i = 0; i < samples.size(); i++) {
        Score s = (Score) scores.get(i);
        assertThat(s.logLikelihood()).as(samples.get(i).sentence()).isCloseTo(samples.get(i).logLikelihood(), within(1e-9));
        double sum = 0;
        for (double k : s.byKind()) sum += k;
        assertThat(sum).isCloseTo(s.logLikelihood(), within(1e-9));
      }
    }
  }

  /**
   * Completing a prefix keeps it and draws the rest within the query; scoring the completion with
   * the same prefix and options gives back the completion's log-proposal (q(X′|prefix) both ways),
   * and its log-likelihood.
   */
  @Test
  void completionKeepsThePrefixAndItsProposalIsWhatScoringSays() throws Exception {
    CompiledQuery q = DecoderTest.compile("62-c-[!O|F]-[0.1..0.2]-1/4-?-(?-?-?-?-?)*-X-[5..6]-?-?");
    SampleOptions o = OPTIONS.withTemperature(0.7).withTopP(0.9);
    List<Sample> start = sample(q, o, SampleProcessor.NONE);
    List<Prefix> prefixes = new ArrayList<>();
    for (Sample s : start) prefixes.add(Prefix.sites(s.crystal(), 1));
    for (Sample s : start) prefixes.add(Prefix.lattice(s.crystal()));
    for (Sample s : start) prefixes.add(Prefix.group(s.crystal()));
    List<Completion> done = decoder().complete(q.tokenAutomaton(), prefixes, 0, o.withSeed(99), SampleProcessor.NONE, DecodeListener.NONE);
    List<Prefix> again = new ArrayList<>();
    for (int i = 0; i < done.size(); i++) {
      Proposal p = (Proposal) done.get(i);
      Crystal x = prefixes.get(i).crystal(), y = p.sample().crystal();
      assertThat(CrystalMatcher.accepts(q, y)).as(p.sample().sentence()).isTrue();
      assertThat(SentenceChecker.check("<completion>", p.sample().sentence()).errors()).isEmpty();
      assertThat(y.group()).isEqualTo(x.group());
      int kept = i < start.size() ? 1 : i < 2 * start.size() ? x.sites().size() : 0;
      assertThat(y.sites().subList(0, kept)).isEqualTo(x.sites().subList(0, kept));
      assertThat(p.logProposal()).isFinite();
      again.add(new Prefix(y, prefixes.get(i).slots()));
    }
    List<Scoring> scored = score(q, again, o, SampleProcessor.NONE);
    for (int i = 0; i < done.size(); i++) {
      Proposal p = (Proposal) done.get(i);
      Score s = (Score) scored.get(i);
      assertThat(s.logProposal()).as(p.sample().sentence()).isCloseTo(p.logProposal(), within(1e-9));
      assertThat(s.logLikelihood()).isCloseTo(p.sample().logLikelihood(), within(1e-9));
    }
  }

  /** A whole-crystal prefix completes to the crystal itself, with nothing proposed. */
  @Test
  void aWholePrefixGivesTheCrystalBack() throws Exception {
    CompiledQuery q = DecoderTest.compile("{cubic}-(?-?-?-?-?)+-X-?");
    List<Sample> start = sample(q, OPTIONS, SampleProcessor.NONE);
    List<Completion> done = decoder().complete(q.tokenAutomaton(), crystals(start).stream().map(Prefix::whole).toList(), 0, OPTIONS, SampleProcessor.NONE, DecodeListener.NONE);
    for (int i = 0; i < start.size(); i++) {
      Proposal p = (Proposal) done.get(i);
      assertThat(p.sample().crystal()).isEqualTo(start.get(i).crystal());
      assertThat(p.logProposal()).isZero();
      assertThat(p.sample().logLikelihood()).isCloseTo(start.get(i).logLikelihood(), within(1e-9));
    }
  }

  /** What the query does not allow is rejected with the reason, not scored or completed. */
  @Test
  void crystalsAndPrefixesTheQueryForbidsAreRejectedWithTheReason() throws Exception {
    CompiledQuery any = DecoderTest.compile("?-(?-?-?-?-?)+-X-?");
    CompiledQuery rocksalt = DecoderTest.compile("225-a-[alkali]-0-0-0-b-[halogen]-1/2-1/2-1/2-X-?");
    Crystal nacl = SentenceChecker.check("<t>", "225-a-Na-0-0-0-b-Cl-1/2-1/2-1/2-X-5.64").crystal().orElseThrow();
    Crystal kcl = SentenceChecker.check("<t>", "225-a-K-0-0-0-b-Cl-1/2-1/2-1/2-X-6.29").crystal().orElseThrow();
    Crystal mgo = SentenceChecker.check("<t>", "225-a-Mg-0-0-0-b-O-1/2-1/2-1/2-X-4.21").crystal().orElseThrow();
    Crystal pm3m = SentenceChecker.check("<t>", "221-a-Cs-0-0-0-b-Cl-1/2-1/2-1/2-X-4.12").crystal().orElseThrow();
    List<Scoring> s = score(rocksalt, List.of(Prefix.group(nacl), Prefix.group(mgo), Prefix.group(pm3m), Prefix.group(kcl)), OPTIONS, SampleProcessor.NONE);
    assertThat(s.get(0)).isInstanceOf(Score.class);
    assertThat(((Rejected) s.get(1)).reason()).contains("site 1").contains("Mg");
    assertThat(((Rejected) s.get(2)).reason()).contains("space group 221");
    assertThat(s.get(3)).isInstanceOf(Score.class);
    assertThat(s.get(3).index()).isEqualTo(3);
    // the unconstrained query scores MgO; its log-likelihood differs from the rock-salt query's masks
    assertThat(score(any, List.of(Prefix.group(nacl)), OPTIONS, SampleProcessor.NONE).getFirst()).isInstanceOf(Score.class);
    List<Completion> c = decoder().complete(rocksalt.tokenAutomaton(), List.of(Prefix.sites(mgo, 1), Prefix.sites(nacl, 1)), 0, OPTIONS, SampleProcessor.NONE, DecodeListener.NONE);
    assertThat(((Rejected) c.get(0)).reason()).contains("Mg");
    assertThat(((Proposal) c.get(1)).sample().crystal().sites().getFirst()).isEqualTo(nacl.sites().getFirst());
  }

  /** The listener hears every model step and the automaton's share. */
  @Test
  void theTimingListenerHearsTheSteps() throws Exception {
    CompiledQuery q = DecoderTest.compile("{cubic}-(?-?-?-?-?)+-X-?");
    FakeStepModel m = new FakeStepModel();
    Decoder.Timing t = new Decoder.Timing();
    new Decoder(m, null, 200).decode(q.tokenAutomaton(), 0, 8, OPTIONS, t);
    assertThat(t.steps).isEqualTo(m.steps).isPositive();
    assertThat(t.total).isGreaterThanOrEqualTo(t.model + t.automaton);
  }

  private static int maxZ(Sample s) {
    return s.crystal().sites().stream().mapToInt(x -> x.element().z()).max().orElse(0);
  }
}
