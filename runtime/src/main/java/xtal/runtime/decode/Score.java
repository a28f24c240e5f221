package xtal.runtime.decode;

import java.util.List;
import xtal.model.Layout;

/**
 * A given crystal teacher-forced through the model under a query's masks.
 *
 * @param index the crystal's index in the call
 * @param logLikelihood the model's log-likelihood of the crystal given its group (nats), at
 *     temperature 1 under the query's masks — what {@link Sample#logLikelihood} reports for a
 *     sampled crystal
 * @param byKind {@code logLikelihood} split by token kind, in {@link Layout#KINDS} order (letter,
 *     element, coordinate, lattice)
 * @param logProposal log-probability of the slots after the prefix under the options'
 *     temperature, top-p, the query's ranges and the processor: what completing the prefix would
 *     have reported, had it drawn this crystal (0 for a whole-crystal prefix)
 */
public record Score(int index, double logLikelihood, double[] byKind, double logProposal) implements Scoring {

  /** Token kinds of {@link #byKind}. */
  public static final List<String> KINDS = Layout.KINDS;
}
