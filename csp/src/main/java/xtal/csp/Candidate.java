package xtal.csp;

import xtal.runtime.decode.Sample;

/**
 * A ranked candidate structure.
 *
 * @param rank 1 = best
 * @param score the scorer's value (higher is better)
 * @param sample the crystal as sampled
 * @param atoms atoms per primitive cell (counted from the expanded cell)
 * @param duplicates how many other samples the structure matcher found to be this same crystal
 */
public record Candidate(int rank, double score, Sample sample, int atoms, int duplicates) {
  public String sentence() {
    return sample.sentence();
  }
}
