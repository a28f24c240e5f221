package xtal.runtime.decode;

import xtal.stdlib.crystal.Crystal;

/**
 * One generated crystal.
 *
 * @param index position in sampling order (0-based)
 * @param crystal the crystal, every coordinate and lattice parameter resolved
 * @param logLikelihood log-probability (nats) of the crystal given its space group under the
 *     model at temperature 1, with the query's masks: discrete tokens renormalized over what the
 *     query allows, coordinates as densities on [0, 1), lattice parameters as densities in Å and
 *     degrees
 * @param resampled how many times a coordinate was redrawn to keep the minimum distance
 * @param tooClose sites still closer than the minimum distance after the bounded redraws
 */
public record Sample(int index, Crystal crystal, double logLikelihood, int resampled, int tooClose) {

  /** The canonical (full-form) sentence. */
  public String sentence() {
    return crystal.canonicalSentence();
  }
}
