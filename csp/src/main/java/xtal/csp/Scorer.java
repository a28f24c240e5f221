package xtal.csp;

import xtal.runtime.decode.Sample;

/**
 * Ranks candidates: a higher score is a better candidate. The default is the model's
 * log-likelihood per atom of the primitive cell; a property model predicting energy per atom can
 * stand in as an energy proxy (its negative) through the same interface.
 */
@FunctionalInterface
public interface Scorer {

  /**
   * @param sample the candidate as sampled (crystal and its log-likelihood under the query)
   * @param atoms its atoms per primitive cell
   */
  double score(Sample sample, int atoms);

  /** A short name for reports ({@code ranked.csv} does not carry it; the summary does). */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Log-likelihood (nats) of the sentence under the model and the query, per atom. */
  Scorer LOG_LIKELIHOOD_PER_ATOM =
      new Scorer() {
        @Override
        public double score(Sample sample, int atoms) {
          return sample.logLikelihood() / atoms;
        }

        @Override
        public String name() {
          return "log-likelihood per atom";
        }
      };
}
