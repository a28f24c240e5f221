package xtal.design;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import xtal.compiler.CompiledQuery;
import xtal.runtime.Generator;
import xtal.runtime.decode.Completion;
import xtal.runtime.decode.Prefix;
import xtal.runtime.decode.Proposal;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;
import xtal.runtime.decode.SampleProcessor;
import xtal.runtime.decode.Score;
import xtal.runtime.decode.Scoring;
import xtal.stdlib.crystal.Crystal;

/**
 * Property-guided generation by Metropolis–Hastings in sentence space ("CrystalFormer-guided Monte
 * Carlo"). The target is π(X) ∝ p(X)^{1/T} · exp(−β · objective(X)), p the generator's
 * likelihood under the query's masks. Chains start from samples of the query; each step proposes
 * X′ by redrawing part of X from the constrained generator given the rest — the lattice only, the
 * sites from a uniformly chosen site k on (k in 1..n(X), the lattice after them), or everything
 * after the space group, each kind with probability 1/3 — and accepts with the exact ratio
 *
 * <pre>
 *   log α = log π(X′) − log π(X) + log q(X | prefix) − log q(X′ | prefix) + log P(k | X′) − log P(k | X)
 * </pre>
 *
 * (P(k | X) = 1/n(X) for the suffix move, else 1). The query holds for every state by construction:
 * proposals come from the query's automaton. A prefix always keeps the space group, so each chain
 * keeps the group of its initial sample and p is the likelihood given that group: chains cover the
 * groups a query allows only through their initial draws. All chains step together: one {@code complete}, one
 * {@code score} and one batched prediction per step. Proposals are drawn with minimum distance 0,
 * the only setting under which their probabilities are exact.
 */
public final class Designer {

  /** What a step redraws. */
  public enum Move {
    LATTICE, SUFFIX, WHOLE;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param chains chains run together (one batch)
   * @param steps Metropolis–Hastings steps per chain
   * @param burnIn steps whose states are not collected, 0..steps
   * @param temperature T of the prior term p(X)^{1/T}, > 0 (1: the model as trained; larger
   *     weakens the prior against the objective)
   * @param beta β, the objective's inverse temperature, >= 0 (0: plain MCMC on the prior)
   * @param seed fixes every draw: the same seed, model, query and settings give the same result
   * @param batchSize sequences decoded together per model call
   * @param keepProposals also collect the rejected proposals after the burn-in: they were
   *     predicted anyway, and ranking them costs no model call (the chains still sample π)
   */
  public record Settings(int chains, int steps, int burnIn, double temperature, double beta, long seed, int batchSize, boolean keepProposals) {
    /** Settings that collect the chains' states only. */
    public Settings(int chains, int steps, int burnIn, double temperature, double beta, long seed, int batchSize) {
      this(chains, steps, burnIn, temperature, beta, seed, batchSize, false);
    }

    public Settings {
      if (chains < 1) throw new IllegalArgumentException("--chains must be >= 1, found " + chains);
      if (steps < 0) throw new IllegalArgumentException("--steps must be >= 0, found " + steps);
      if (burnIn < 0 || burnIn > steps) throw new IllegalArgumentException("--burn-in must be in 0..steps (" + steps + "), found " + burnIn);
      if (!(temperature > 0 && Double.isFinite(temperature))) throw new IllegalArgumentException("--temperature must be a finite number > 0, found " + temperature);
      if (!(beta >= 0 && Double.isFinite(beta))) throw new IllegalArgumentException("--beta must be a finite number >= 0, found " + beta);
      if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, found " + batchSize);
    }
  }

  /**
   * A visited crystal, at its first visit.
   *
   * @param crystal the crystal, sites in sequence order
   * @param logLikelihood the model's log-likelihood under the query's masks
   * @param predicted one prediction per objective term
   * @param objective the combined objective (lower is better)
   * @param chain the chain that first visited it
   * @param step the step of that first visit (0: the chain's initial sample)
   */
  public record Design(Crystal crystal, double logLikelihood, double[] predicted, double objective, int chain, int step) {
    public String sentence() {
      return crystal.canonicalSentence();
    }
  }

  /** Proposals and acceptances of one move kind; {@code refused} counts proposals the query or model could not make. */
  public record Acceptance(Move move, int proposed, int accepted, int refused) {
    public double rate() {
      return proposed == 0 ? 0 : (double) accepted / proposed;
    }
  }

  /**
   * @param ranked distinct crystals visited after the burn-in (by canonical sentence), best
   *     objective first (ties by sentence)
   * @param acceptance per move kind
   * @param generatorCrystals crystals sampled, completed or scored by the generator
   * @param predictions crystals whose properties were predicted
   */
  public record Result(List<Design> ranked, List<Acceptance> acceptance, long generatorCrystals, long predictions) {}

  private final Generator generator;
  private final CompiledQuery query;
  private final Objective objective;
  private final SampleOptions proposals;

  /**
   * @param proposals the generator's settings for proposals (temperature, top-p, batch size); the
   *     minimum distance is set to 0, count and seed are ignored
   */
  public Designer(Generator generator, CompiledQuery query, Objective objective, SampleOptions proposals) {
    this.generator = generator;
    this.query = query;
    this.objective = objective;
    this.proposals = proposals.withMinDistance(0);
  }

  /** log π(X) up to a constant. */
  public static double logTarget(double logLikelihood, double objective, double temperature, double beta) {
    return logLikelihood / temperature - beta * objective;
  }

  /**
   * The log Metropolis–Hastings acceptance probability, min(0, Δ log π + log q_reverse −
   * log q_forward); NaN ratios (a non-finite proposal density) are refused (−∞).
   */
  public static double logAcceptance(double logTargetNew, double logTargetOld, double logReverse, double logForward) {
    double r = logTargetNew - logTargetOld + logReverse - logForward;
    if (Double.isNaN(r)) return Double.NEGATIVE_INFINITY;
    return Math.min(0, r);
  }

  private static final class Chain {
    Crystal crystal;
    double logLikelihood, objective;
    double[] predicted;
  }

  /** Runs the chains; deterministic for {@code settings.seed()}. */
  public Result run(Settings settings) {
    Run r = new Run(settings);
    for (int step = 1; step <= settings.steps(); step++) r.step(step);
    return r.result();
  }

  /** One run's state: the chains, what they visited, the move counts and the model calls. */
  private final class Run {
    final Settings settings;
    final SampleOptions options;
    final SplittableRandom random;
    final Chain[] chains;
    final Map<String, Design> visited = new LinkedHashMap<>();
    final Map<Move, int[]> counts = new EnumMap<>(Move.class); // proposed, accepted, refused
    long generated, predicted;

    Run(Settings settings) {
      this.settings = settings;
      options = proposals.withBatchSize(settings.batchSize());
      random = new SplittableRandom(settings.seed());
      for (Move m : Move.values()) counts.put(m, new int[3]);
      List<Sample> initial = generator.sample(query, options.withCount(settings.chains()).withSeed(random.nextLong())).toList();
      Objective.Evaluation e = objective.evaluate(initial.stream().map(Sample::crystal).toList());
      generated += initial.size();
      predicted += initial.size();
      chains = new Chain[settings.chains()];
      for (int c = 0; c < chains.length; c++) {
        chains[c] = new Chain();
        chains[c].crystal = initial.get(c).crystal();
        chains[c].logLikelihood = initial.get(c).logLikelihood();
        chains[c].objective = e.objective()[c];
        chains[c].predicted = column(e.predicted(), c);
        if (settings.burnIn() == 0) visit(chains[c], c, 0);
      }
    }

    /** One Metropolis–Hastings step of every chain: one completion, one score and one prediction call. */
    void step(int step) {
      Move[] chosen = new Move[chains.length];
      List<Prefix> forward = choose(chosen);
      List<Completion> completed = generator.complete(query, forward, options.withSeed(random.nextLong()));
      generated += forward.size();
      // the reverse move keeps the same slots (X and X′ share them) and scores X
      List<Prefix> reverse = new ArrayList<>();
      List<Integer> proposing = new ArrayList<>();
      List<Crystal> candidates = new ArrayList<>();
      for (int c = 0; c < chains.length; c++) {
        if (completed.get(c) instanceof Proposal p) {
          proposing.add(c);
          reverse.add(new Prefix(chains[c].crystal, forward.get(c).slots()));
          candidates.add(p.sample().crystal());
        } else {
          counts.get(chosen[c])[2]++;
        }
      }
      List<Scoring> scored = generator.score(query, reverse, options, SampleProcessor.NONE);
      generated += reverse.size();
      Objective.Evaluation ev = objective.evaluate(candidates);
      predicted += candidates.size();
      boolean collect = step > settings.burnIn();
      for (int j = 0; j < proposing.size(); j++) {
        int c = proposing.get(j);
        Proposal p = (Proposal) completed.get(c);
        Design candidate = new Design(candidates.get(j), p.sample().logLikelihood(), column(ev.predicted(), j), ev.objective()[j], c, step);
        if (settings.keepProposals() && collect) visited.putIfAbsent(candidate.sentence(), candidate);
        double u = random.nextDouble();
        if (!(scored.get(j) instanceof Score back)) {
          counts.get(chosen[c])[2]++;
          continue;
        }
        if (Math.log(u) < logAlpha(chains[c], candidate, chosen[c], p.logProposal(), back.logProposal())) {
          chains[c].crystal = candidate.crystal();
          chains[c].logLikelihood = candidate.logLikelihood();
          chains[c].objective = candidate.objective();
          chains[c].predicted = candidate.predicted();
          counts.get(chosen[c])[1]++;
        }
      }
      if (collect) for (int c = 0; c < chains.length; c++) visit(chains[c], c, step);
    }

    /** Draws each chain's move kind (into {@code chosen}) and its prefix. */
    List<Prefix> choose(Move[] chosen) {
      Move[] moves = Move.values();
      List<Prefix> forward = new ArrayList<>(chains.length);
      for (int c = 0; c < chains.length; c++) {
        Crystal x = chains[c].crystal;
        chosen[c] = moves[random.nextInt(moves.length)];
        forward.add(switch (chosen[c]) {
          case LATTICE -> Prefix.lattice(x);
          case WHOLE -> Prefix.group(x);
          case SUFFIX -> Prefix.sites(x, 1 + random.nextInt(x.sites().size()));
        });
        counts.get(chosen[c])[0]++;
      }
      return forward;
    }

    /** log α of moving from the chain's state to the candidate, with the suffix move's choice of k, P(k | X) = 1/n(X). */
    double logAlpha(Chain from, Design to, Move move, double logForward, double logReverse) {
      double choiceForward = move == Move.SUFFIX ? -Math.log(from.crystal.sites().size()) : 0;
      double choiceReverse = move == Move.SUFFIX ? -Math.log(to.crystal().sites().size()) : 0;
      return logAcceptance(
          logTarget(to.logLikelihood(), to.objective(), settings.temperature(), settings.beta()),
          logTarget(from.logLikelihood, from.objective, settings.temperature(), settings.beta()),
          logReverse + choiceReverse, logForward + choiceForward);
    }

    void visit(Chain s, int chain, int step) {
      Design d = new Design(s.crystal, s.logLikelihood, s.predicted, s.objective, chain, step);
      visited.putIfAbsent(d.sentence(), d);
    }

    Result result() {
      List<Design> ranked = new ArrayList<>(visited.values());
      ranked.sort(Comparator.comparingDouble(Design::objective).thenComparing(Design::sentence));
      List<Acceptance> acceptance = new ArrayList<>();
      for (Move m : Move.values()) {
        int[] k = counts.get(m);
        acceptance.add(new Acceptance(m, k[0], k[1], k[2]));
      }
      return new Result(List.copyOf(ranked), List.copyOf(acceptance), generated, predicted);
    }
  }

  private static double[] column(double[][] byTerm, int i) {
    double[] out = new double[byTerm.length];
    for (int t = 0; t < byTerm.length; t++) out[t] = byTerm[t][i];
    return out;
  }
}
