package xtal.csp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import xtal.eval.StructureMatcher;
import xtal.eval.Validity;

/**
 * The CSP benchmark of DiffCSP (arXiv 2309.04475): for every crystal of a split, its composition
 * with its atom count is the input; a candidate matches when pymatgen's {@code get_rms_dist} with
 * stol 0.5, angle_tol 10°, ltol 0.3 finds a superposition ({@link StructureMatcher#rms}); the
 * figures are the match rate over all crystals and the mean normalised RMSE over the matched ones,
 * for one candidate and for any of 20. Rows that could not be asked (a composition beyond the
 * atom limit) count as not matched. The readings separate what ranking adds: the first sample
 * drawn vs the top-ranked distinct candidate, and the first 20 samples vs the 20 best-ranked
 * distinct candidates, each ranking ({@link CspOptions.Ranking}) applied to the same samples.
 * {@link #add} needs every distinct candidate (options' keep ≥ samples).
 */
public final class CspBenchmark {

  /** DiffCSP's matcher settings. */
  public static final StructureMatcher.Tolerances TOLERANCES = new StructureMatcher.Tolerances(0.3, 0.5, 10);

  /** Candidates of the "any of k" reading. */
  public static final int K = 20;

  /** The readings, in report order. */
  public enum Reading {
    FIRST_SAMPLE("first sample", "rms_first"),
    TOP_1_SCORE("top-1 by log-likelihood per atom", "rms_top1_ll"),
    TOP_1_COPIES("top-1 most often sampled", "rms_top1_copies"),
    FIRST_20("any of first 20 samples", "rms_first20"),
    TOP_20_SCORE("any of top 20 by log-likelihood per atom", "rms_top20_ll"),
    TOP_20_COPIES("any of top 20 most often sampled", "rms_top20_copies");

    public final String column;
    public final String label;

    Reading(String label, String column) {
      this.label = label;
      this.column = column;
    }
  }

  /**
   * One crystal's outcome.
   *
   * @param rms per reading, the best RMSE when matched, else NaN
   * @param failed the composition could not be asked (message), else null
   */
  public record Outcome(String id, String formula, int atoms, double[] rms, String failed, double compileSeconds, double sampleSeconds, boolean smactValid) {}

  private final StructureMatcher matcher = new StructureMatcher(TOLERANCES);
  private final List<Outcome> outcomes = new ArrayList<>();
  private final StringBuilder pairs = new StringBuilder("material_id,rank,rms\n");

  /** Scores one prediction against the crystal its composition came from. */
  public Outcome add(Prediction p, StructureMatcher.Prepared truth) {
    CspTarget t = p.target();
    int atoms = t.atoms().orElse(0);
    // DiffCSP counts a prediction only when it is valid: SMACT-valid composition (the same for
    // every candidate of a row: recorded, and applied by matchRate) and structurally valid (each candidate)
    boolean smact = Validity.compositional(t.composition().counts());
    double[] rms = new double[Reading.values().length];
    java.util.Arrays.fill(rms, Double.NaN);
    Outcome o;
    switch (p) {
      case Prediction.Failed f -> o = new Outcome(t.id(), t.composition().formula(), atoms, rms, f.message(), 0, 0, smact);
      case Prediction.Ranked r -> {
        List<Candidate> byScore = CrystalStructurePredictor.rank(r.candidates(), CspOptions.Ranking.SCORE);
        List<Candidate> byCopies = CrystalStructurePredictor.rank(r.candidates(), CspOptions.Ranking.COPIES);
        rms[Reading.FIRST_SAMPLE.ordinal()] = best(truth, first(r.samples(), 1));
        rms[Reading.TOP_1_SCORE.ordinal()] = best(truth, first(byScore, 1));
        rms[Reading.TOP_1_COPIES.ordinal()] = best(truth, first(byCopies, 1));
        rms[Reading.FIRST_20.ordinal()] = best(truth, first(r.samples(), K));
        rms[Reading.TOP_20_SCORE.ordinal()] = best(truth, first(byScore, K));
        rms[Reading.TOP_20_COPIES.ordinal()] = best(truth, first(byCopies, K));
        for (Candidate c : r.candidates().subList(0, Math.min(K, r.candidates().size()))) {
          // the matcher alone, validity aside: what tools/csp/matcher_check.py compares with pymatgen
          double d = matcher.rms(truth, StructureMatcher.prepare(c.sample().crystal().expand())).orElse(Double.NaN);
          pairs.append(t.id()).append(',').append(c.rank()).append(',').append(Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.6f", d)).append('\n');
        }
        o = new Outcome(t.id(), t.composition().formula(), atoms, rms, null, r.compileSeconds(), r.sampleSeconds(), smact);
      }
    }
    outcomes.add(o);
    return o;
  }

  private static List<Candidate> first(List<Candidate> l, int n) {
    return l.subList(0, Math.min(n, l.size()));
  }

  private double best(StructureMatcher.Prepared truth, List<Candidate> cands) {
    double best = Double.NaN;
    for (Candidate c : cands) {
      if (!Validity.structural(c.sample().crystal().expand())) continue;
      OptionalDouble d = matcher.rms(truth, StructureMatcher.prepare(c.sample().crystal().expand()));
      if (d.isPresent() && !(d.getAsDouble() >= best)) best = d.getAsDouble();
    }
    return best;
  }

  public List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** Fraction of crystals matched under a reading; with {@code smact}, DiffCSP's rule that a SMACT-invalid composition never matches. */
  public double matchRate(Reading r, boolean smact) {
    return outcomes.isEmpty() ? 0 : outcomes.stream().filter(o -> matched(o, r, smact)).count() / (double) outcomes.size();
  }

  /** Mean RMSE over the matched crystals (NaN when none matched). */
  public double meanRms(Reading r, boolean smact) {
    return outcomes.stream().filter(o -> matched(o, r, smact)).mapToDouble(o -> o.rms()[r.ordinal()]).average().orElse(Double.NaN);
  }

  private static boolean matched(Outcome o, Reading r, boolean smact) {
    return !Double.isNaN(o.rms()[r.ordinal()]) && (!smact || o.smactValid());
  }

  public long failed() {
    return outcomes.stream().filter(o -> o.failed() != null).count();
  }

  /** A Markdown table of the four readings. */
  public String table() {
    StringBuilder sb = new StringBuilder("| reading | match rate (DiffCSP: SMACT-valid only) | mean RMSE | match rate (all compositions) | mean RMSE |\n|---|---:|---:|---:|---:|\n");
    for (Reading r : Reading.values())
      sb.append(String.format(Locale.ROOT, "| %s | %.2f %% | %.4f | %.2f %% | %.4f |%n", r.label, 100 * matchRate(r, true), meanRms(r, true), 100 * matchRate(r, false), meanRms(r, false)));
    return sb.toString();
  }

  /** Every ranked candidate against its crystal: material_id,rank,rms (empty when not matched). */
  public String pairs() {
    return pairs.toString();
  }

  /** The per-crystal CSV: id, formula, atoms, the four RMSEs (empty when not matched), failure, seconds. */
  public String csv() {
    StringBuilder sb = new StringBuilder("material_id,formula,atoms");
    for (Reading r : Reading.values()) sb.append(',').append(r.column);
    sb.append(",smact_valid,compile_s,sample_s,error\n");
    for (Outcome o : outcomes) {
      sb.append(o.id()).append(',').append(o.formula()).append(',').append(o.atoms());
      for (double d : o.rms()) sb.append(',').append(Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.5f", d));
      sb.append(String.format(Locale.ROOT, ",%b,%.3f,%.3f,", o.smactValid(), o.compileSeconds(), o.sampleSeconds()));
      if (o.failed() != null) sb.append('"').append(o.failed().replace("\"", "\"\"")).append('"');
      sb.append('\n');
    }
    return sb.toString();
  }
}
