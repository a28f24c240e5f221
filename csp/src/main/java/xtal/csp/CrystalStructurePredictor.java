package xtal.csp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import xtal.eval.StructureMatcher;
import xtal.runtime.Generator;
import xtal.runtime.decode.Sample;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.crystal.UnitCell;

/**
 * Crystal structure prediction from a composition: compile (or reuse) the composition query,
 * sample candidates under it, re-count each candidate's composition and atoms from its expanded
 * cell, deduplicate with the structure matcher, rank by the scorer and keep the best K.
 *
 * <pre>{@code
 * try (Generator g = Generator.load(Generator.defaultModel())) {
 *   var csp = new CrystalStructurePredictor(g, Scorer.LOG_LIKELIHOOD_PER_ATOM, CspOptions.DEFAULTS.withKeep(3));
 *   var target = new CspTarget("SrTiO3", Composition.parse("SrTiO3"), OptionalInt.of(5), GroupChoice.ANY);
 *   if (csp.predict(target) instanceof Prediction.Ranked r)
 *     r.candidates().forEach(c -> System.out.println(c.rank() + " " + c.sentence()));
 * }
 * }</pre>
 */
public final class CrystalStructurePredictor {
  private final Generator generator;
  private final Scorer scorer;
  private final CspOptions options;
  private final CompositionQueries queries;
  private final StructureMatcher dedupe;

  public CrystalStructurePredictor(Generator generator, Scorer scorer, CspOptions options) {
    this(generator, scorer, options, new CompositionQueries(options.limits()));
  }

  /** With a query cache shared with other predictors (same limits). */
  public CrystalStructurePredictor(Generator generator, Scorer scorer, CspOptions options, CompositionQueries queries) {
    this.generator = generator;
    this.scorer = scorer;
    this.options = options;
    this.queries = queries;
    this.dedupe = new StructureMatcher(options.dedupe());
  }

  public CompositionQueries queries() {
    return queries;
  }

  public CspOptions options() {
    return options;
  }

  /** Predicts one target; a composition that cannot be asked for is a {@link Prediction.Failed}. */
  public Prediction predict(CspTarget target) {
    boolean[] cached = new boolean[1];
    CompositionQueries.Entry entry = queries.get(target, cached);
    if (entry instanceof CompositionQueries.Infeasible(String message)) return new Prediction.Failed(target, message);
    CompositionQueries.Compiled compiled = (CompositionQueries.Compiled) entry;
    long t0 = System.nanoTime();
    Composition reduced = target.composition().reduced();
    long seed = rowSeed(options.seed(), reduced, target.atoms());
    List<Sample> samples = generator.sample(compiled.query(), options.sampling().withCount(options.samples()).withSeed(seed)).toList();

    List<Candidate> scored = new ArrayList<>();
    int violations = 0;
    for (Sample s : samples) {
      UnitCell cell = s.crystal().expand();
      int atoms = atomsPerPrimitiveCell(s.crystal(), cell);
      boolean ok = Composition.of(cell.atoms()).reduced().equals(reduced) && target.atoms().orElse(atoms) == atoms && atoms <= Math.max(options.limits().maxAtoms(), target.atoms().orElse(0));
      if (!ok) {
        violations++;
        continue;
      }
      scored.add(new Candidate(0, scorer.score(s, atoms), s, atoms, 0));
    }
    List<Candidate> ranked = new ArrayList<>(scored);
    ranked.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(c -> c.sample().index()));

    // greedy: a candidate is kept unless a better-scored kept one is the same crystal
    List<StructureMatcher.Prepared> keptPrepared = new ArrayList<>();
    List<Candidate> kept = new ArrayList<>();
    List<Integer> dups = new ArrayList<>();
    for (Candidate c : ranked) {
      StructureMatcher.Prepared p = StructureMatcher.prepare(c.sample().crystal().expand());
      int same = -1;
      for (int i = 0; i < keptPrepared.size() && same < 0; i++) if (dedupe.fit(keptPrepared.get(i), p)) same = i;
      if (same >= 0) {
        dups.set(same, dups.get(same) + 1);
        continue;
      }
      keptPrepared.add(p);
      kept.add(c);
      dups.add(0);
    }
    List<Candidate> distinct = new ArrayList<>();
    for (int i = 0; i < kept.size(); i++) distinct.add(new Candidate(0, kept.get(i).score(), kept.get(i).sample(), kept.get(i).atoms(), dups.get(i)));
    List<Candidate> ranked2 = rank(distinct, options.ranking());
    List<Candidate> top = ranked2.subList(0, Math.min(options.keep(), ranked2.size()));
    double secs = (System.nanoTime() - t0) / 1e9;
    return new Prediction.Ranked(target, List.copyOf(top), List.copyOf(scored), kept.size(), cached[0] ? 0 : compiled.seconds(), secs, violations);
  }

  /**
   * Distinct candidates in the order of a ranking, ranks 1.. assigned: by score, or by how many
   * samples were that crystal (the mode of the model's distribution under the query) with the
   * score breaking ties. Ties left after that go to the earlier sample.
   */
  public static List<Candidate> rank(List<Candidate> distinct, CspOptions.Ranking ranking) {
    Comparator<Candidate> byScore = Comparator.comparingDouble(Candidate::score).reversed();
    Comparator<Candidate> order = switch (ranking) {
      case SCORE -> byScore;
      case COPIES -> Comparator.comparingInt(Candidate::duplicates).reversed().thenComparing(byScore);
    };
    List<Candidate> sorted = new ArrayList<>(distinct);
    sorted.sort(order.thenComparingInt(c -> c.sample().index()));
    List<Candidate> out = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Candidate c = sorted.get(i);
      out.add(new Candidate(i + 1, c.score(), c.sample(), c.atoms(), c.duplicates()));
    }
    return List.copyOf(out);
  }

  /** Atoms per primitive cell: the conventional cell's atoms over the centring's lattice points. */
  public static int atomsPerPrimitiveCell(Crystal crystal, UnitCell expanded) {
    return expanded.count() / crystal.group().centring().latticePoints();
  }

  /** A composition's own seed: rows do not depend on one another or on their order. */
  static long rowSeed(long seed, Composition reduced, OptionalInt atoms) {
    long h = seed * 0x9E3779B97F4A7C15L + reduced.formula().hashCode() * 1_000_003L + atoms.orElse(0);
    return h ^ (h >>> 29);
  }
}
