package xtal.csp;

import xtal.compiler.Limits;
import xtal.eval.StructureMatcher;
import xtal.runtime.decode.SampleOptions;

/**
 * How to predict.
 *
 * @param samples crystals drawn per composition
 * @param keep candidates kept per composition after deduplication and ranking (top K)
 * @param seed base seed; each composition's sampling seed is derived from it and the composition,
 *     so a row's candidates do not depend on the other rows
 * @param sampling temperature, top-p, batch size, minimum distance (count and seed are set here)
 * @param limits atoms per primitive cell and sites allowed, and the compiler's budget
 * @param dedupe tolerances of the structure matcher that merges duplicates
 * @param ranking the order of the distinct candidates
 */
public record CspOptions(int samples, int keep, long seed, SampleOptions sampling, Limits limits, StructureMatcher.Tolerances dedupe, Ranking ranking) {

  /** How distinct candidates are ordered. */
  public enum Ranking {
    /** By the scorer alone. */
    SCORE,
    /** Most often sampled first (copies merged by the structure matcher), the scorer breaking ties. */
    COPIES
  }

  public static final CspOptions DEFAULTS =
      new CspOptions(32, 5, 0, SampleOptions.DEFAULTS, Limits.DEFAULT, StructureMatcher.Tolerances.DEFAULT, Ranking.COPIES);

  public CspOptions {
    if (samples < 1) throw new IllegalArgumentException("samples must be >= 1: " + samples);
    if (keep < 1) throw new IllegalArgumentException("keep must be >= 1: " + keep);
  }

  public CspOptions withSamples(int n) {
    return new CspOptions(n, keep, seed, sampling, limits, dedupe, ranking);
  }

  public CspOptions withKeep(int k) {
    return new CspOptions(samples, k, seed, sampling, limits, dedupe, ranking);
  }

  public CspOptions withSeed(long s) {
    return new CspOptions(samples, keep, s, sampling, limits, dedupe, ranking);
  }

  public CspOptions withSampling(SampleOptions o) {
    return new CspOptions(samples, keep, seed, o, limits, dedupe, ranking);
  }

  public CspOptions withRanking(Ranking r) {
    return new CspOptions(samples, keep, seed, sampling, limits, dedupe, r);
  }

  public CspOptions withLimits(Limits l) {
    return new CspOptions(samples, keep, seed, sampling, l, dedupe, ranking);
  }
}
