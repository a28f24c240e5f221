package xtal.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xtal.compiler.CompiledQuery;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.property.PropertyModel;
import xtal.runtime.Generator;
import xtal.runtime.decode.Prefix;
import xtal.runtime.decode.Proposal;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;
import xtal.runtime.decode.SampleProcessor;
import xtal.runtime.decode.Score;
import xtal.stdlib.crystal.Crystal;

/**
 * Metropolis–Hastings with the shipped mp20 generator and the shipped perov_5 heat-of-formation
 * model on a small perovskite query: the acceptance arithmetic against direct scores, exactness on
 * the prior, determinism, the query kept, and guidance that lowers the predicted heat.
 */
class DesignerTest {
  static final String PEROVSKITES = "221-a-?-0-0-0-b-?-1/2-1/2-1/2-c-O-0-1/2-1/2-X-?";
  static final Path HEAT = Path.of("..", "models", "properties", "perov5-heat_ref");
  static final SampleOptions OPTIONS = SampleOptions.DEFAULTS.withMinDistance(0);
  static Generator generator;
  static PropertyModel heat;
  static CompiledQuery query;

  @BeforeAll
  static void load() throws Exception {
    generator = Generator.load(Generator.defaultModel());
    heat = PropertyModel.load(HEAT);
    query = QueryCompiler.compileTemplate("<test>", PEROVSKITES, Limits.DEFAULT);
  }

  @AfterAll
  static void close() {
    heat.close();
    generator.close();
  }

  static Objective minimizeHeat() {
    return new Objective(List.of(new Objective.Term(heat.property(), heat::predict, new Goal.Minimize(), 1)));
  }

  @Test
  void acceptanceRatioMatchesDirectScores() {
    List<Sample> xs = generator.sample(query, OPTIONS.withCount(4).withSeed(3)).toList();
    for (Sample x : xs) {
      Prefix keep = Prefix.lattice(x.crystal());
      Proposal p = (Proposal) generator.complete(query, List.of(keep), OPTIONS.withSeed(11)).getFirst();
      Crystal y = p.sample().crystal();
      // forward density of the proposal as the scorer sees it, and the reverse one
      Score fwd = (Score) generator.score(query, List.of(new Prefix(y, keep.slots())), OPTIONS, SampleProcessor.NONE).getFirst();
      Score back = (Score) generator.score(query, List.of(new Prefix(x.crystal(), keep.slots())), OPTIONS, SampleProcessor.NONE).getFirst();
      assertThat(fwd.logProposal()).isCloseTo(p.logProposal(), within(1e-3));
      assertThat(fwd.logLikelihood()).isCloseTo(p.sample().logLikelihood(), within(1e-3));
      double ox = 0.3, oy = -0.2, t = 2, beta = 5;
      double expected = Math.min(0, (fwd.logLikelihood() / t - beta * oy) - (back.logLikelihood() / t - beta * ox) + back.logProposal() - fwd.logProposal());
      double got = Designer.logAcceptance(Designer.logTarget(p.sample().logLikelihood(), oy, t, beta), Designer.logTarget(x.logLikelihood(), ox, t, beta),
          back.logProposal(), p.logProposal());
      assertThat(got).isCloseTo(expected, within(1e-3));
      // at T = 1 the proposal is p given the kept slots, so the ratio on the prior alone is 1
      assertThat(Designer.logAcceptance(p.sample().logLikelihood(), x.logLikelihood(), back.logProposal(), p.logProposal())).isCloseTo(0, within(1e-3));
    }
  }

  @Test
  void onThePriorAloneLatticeAndWholeMovesAreAlwaysAccepted() {
    // β = 0, T = 1: π = p, and each proposal is p conditioned on the kept slots, so exact MH accepts
    // every lattice and whole-crystal move (a suffix move only by n(X)/n(X′), 1 here: one site count)
    Designer d = new Designer(generator, query, minimizeHeat(), OPTIONS);
    Designer.Result r = d.run(new Designer.Settings(6, 6, 0, 1, 0, 5, 64));
    for (Designer.Acceptance a : r.acceptance()) {
      assertThat(a.refused()).isZero();
      if (a.proposed() > 0) assertThat(a.rate()).as(a.move().label()).isGreaterThanOrEqualTo(0.99);
    }
  }

  @Test
  void sameSeedSameDesignsAllSatisfyingTheQuery() {
    Designer d = new Designer(generator, query, minimizeHeat(), OPTIONS);
    Designer.Settings s = new Designer.Settings(4, 5, 1, 1, 20, 7, 64);
    Designer.Result a = d.run(s), b = d.run(s);
    assertThat(a.ranked()).isNotEmpty();
    assertThat(a.ranked().stream().map(Designer.Design::sentence).toList()).isEqualTo(b.ranked().stream().map(Designer.Design::sentence).toList());
    for (Designer.Design x : a.ranked()) {
      assertThat(query.meaning().violations(x.crystal())).as(x.sentence()).isEmpty();
      assertThat(x.objective()).isEqualTo(x.predicted()[0]);
    }
    for (int i = 1; i < a.ranked().size(); i++) assertThat(a.ranked().get(i).objective()).isGreaterThanOrEqualTo(a.ranked().get(i - 1).objective());
  }

  @Test
  void minimizingHeatLowersThePredictionAgainstUnguidedSamples() {
    int n = 16;
    Designer d = new Designer(generator, query, minimizeHeat(), OPTIONS);
    Designer.Result r = d.run(new Designer.Settings(16, 12, 4, 1, 10, 1, 64));
    assertThat(r.ranked().size()).isGreaterThanOrEqualTo(n);
    double guided = r.ranked().subList(0, n).stream().mapToDouble(Designer.Design::objective).average().orElseThrow();
    double[] unguided = heat.predict(generator.sample(query, OPTIONS.withCount(n).withSeed(1)).map(Sample::crystal).toList());
    double mean = java.util.Arrays.stream(unguided).average().orElseThrow();
    System.out.printf("heat_ref: unguided mean %.3f, designed mean %.3f (%d distinct visited)%n", mean, guided, r.ranked().size());
    // perov_5 heat_ref spans ~−2..3 eV/atom; guidance must win by a clear margin
    assertThat(guided).isLessThan(mean - 0.3);
  }
}
